#pragma once
// The in-memory point cloud: a plain structure of arrays in the sensor frame.
//
// Each channel is one contiguous std::vector, so a pass over x/y/z touches
// only those bytes and vectorises, and a channel can be uploaded to the GPU
// as-is. x, y, z and intensity always exist; ring, per-point time and colour
// are optional and, once enabled, always have size() elements.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/geometry/aabb.hpp"

namespace fuselabel {

/// std::allocator that leaves new elements default-initialised (no zero fill
/// for arithmetic types), so a reader can size a channel and overwrite it in
/// one pass instead of two, and starts every channel on a cache line, so
/// vector loads and stores over it never straddle two lines.
template <class T>
struct DefaultInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;
  /// A cache line, or the type's own alignment when that is larger.
  static constexpr std::align_val_t kAlignment{alignof(T) > 64 ? alignof(T) : 64};
  /// Storage for n elements, aligned to kAlignment.
  [[nodiscard]] T* allocate(std::size_t n) {
    if (n > std::allocator_traits<std::allocator<T>>::max_size(*this))
      throw std::bad_array_new_length();
    return static_cast<T*>(::operator new(n * sizeof(T), kAlignment));
  }
  /// Releases storage from allocate().
  void deallocate(T* p, std::size_t n) noexcept {
    (void)n;  // the unsized form: clang declares sized delete only with -fsized-deallocation
    ::operator delete(p, kAlignment);
  }
  /// Default-initialises instead of value-initialising.
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  /// Forwards any other construction.
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

/// A channel of the point cloud.
template <class T>
using PointChannel = std::vector<T, DefaultInitAllocator<T>>;

/// An 8-bit RGB colour, one per point when the colour channel is enabled.
struct Rgb8 {
  /// Red.
  std::uint8_t r = 0;
  /// Green.
  std::uint8_t g = 0;
  /// Blue.
  std::uint8_t b = 0;

  /// Component-wise equality.
  friend bool operator==(const Rgb8&, const Rgb8&) = default;
};

/// A LiDAR sweep (or any point set) in its sensor frame, metres.
///
/// Time: the sweep has one int64 timestamp in nanoseconds (the project's time
/// unit); each point optionally carries an int32 offset in nanoseconds from that
/// timestamp. Integer nanoseconds keep the project's single time unit, and an
/// int32 offset (±2.1 s) covers any single sweep at half the memory of an int64
/// (Argoverse 2 stores exactly this). Readers that get absolute per-point times
/// subtract the sweep timestamp and reject spans that do not fit.
class PointCloud {
 public:
  /// Number of points.
  [[nodiscard]] std::size_t size() const noexcept { return m_x.size(); }
  /// True when there are no points.
  [[nodiscard]] bool empty() const noexcept { return m_x.empty(); }

  /// Reserves capacity in every enabled channel.
  void reserve(std::size_t count);
  /// Resizes every enabled channel; new points are zero.
  void resize(std::size_t count);
  /// Resizes every enabled channel leaving new values unset, for readers that
  /// overwrite every value of every enabled channel right after.
  void resizeForOverwrite(std::size_t count);
  /// Removes all points; keeps which channels are enabled.
  void clear() noexcept;
  /// Empty again, as if new (optional channels off, timestamp 0), but keeps
  /// every channel's memory: a reader that fills this cloud next touches no
  /// fresh pages, which is what makes recycling a played-past sweep pay.
  void resetKeepingCapacity() noexcept;

  /// Appends one point; enabled optional channels get zero for it. Returns its index.
  std::size_t append(float x, float y, float z, float intensity);

  /// Enables the ring (laser index) channel, zero-filled.
  void enableRing();
  /// Enables the per-point time offset channel, zero-filled.
  void enableTime();
  /// Enables the colour channel, zero-filled (black).
  void enableRgb();
  /// True when the ring channel is enabled.
  [[nodiscard]] bool hasRing() const noexcept { return m_hasRing; }
  /// True when the per-point time channel is enabled.
  [[nodiscard]] bool hasTime() const noexcept { return m_hasTime; }
  /// True when the colour channel is enabled.
  [[nodiscard]] bool hasRgb() const noexcept { return m_hasRgb; }

  /// x coordinates (m).
  [[nodiscard]] std::span<float> x() noexcept { return m_x; }
  /// x coordinates (m).
  [[nodiscard]] std::span<const float> x() const noexcept { return m_x; }
  /// y coordinates (m).
  [[nodiscard]] std::span<float> y() noexcept { return m_y; }
  /// y coordinates (m).
  [[nodiscard]] std::span<const float> y() const noexcept { return m_y; }
  /// z coordinates (m).
  [[nodiscard]] std::span<float> z() noexcept { return m_z; }
  /// z coordinates (m).
  [[nodiscard]] std::span<const float> z() const noexcept { return m_z; }
  /// Intensity, in the sensor's own scale (often 0..255 or 0..1).
  [[nodiscard]] std::span<float> intensity() noexcept { return m_intensity; }
  /// Intensity, in the sensor's own scale.
  [[nodiscard]] std::span<const float> intensity() const noexcept { return m_intensity; }
  /// Laser index per point; empty unless hasRing().
  [[nodiscard]] std::span<std::uint16_t> ring() noexcept { return m_ring; }
  /// Laser index per point; empty unless hasRing().
  [[nodiscard]] std::span<const std::uint16_t> ring() const noexcept { return m_ring; }
  /// Nanoseconds from timestampNs() per point; empty unless hasTime().
  [[nodiscard]] std::span<std::int32_t> timeOffsetNs() noexcept { return m_timeOffsetNs; }
  /// Nanoseconds from timestampNs() per point; empty unless hasTime().
  [[nodiscard]] std::span<const std::int32_t> timeOffsetNs() const noexcept {
    return m_timeOffsetNs;
  }
  /// Colour per point; empty unless hasRgb().
  [[nodiscard]] std::span<Rgb8> rgb() noexcept { return m_rgb; }
  /// Colour per point; empty unless hasRgb().
  [[nodiscard]] std::span<const Rgb8> rgb() const noexcept { return m_rgb; }

  /// Sweep timestamp (ns), the reference of timeOffsetNs().
  [[nodiscard]] std::int64_t timestampNs() const noexcept { return m_timestampNs; }
  /// Sets the sweep timestamp (ns).
  void setTimestampNs(std::int64_t timestampNs) noexcept { m_timestampNs = timestampNs; }

  /// True when point `index` has finite x, y and z.
  [[nodiscard]] bool isFinite(std::size_t index) const noexcept;
  /// Number of points with finite x, y and z.
  [[nodiscard]] std::size_t finiteCount() const noexcept;
  /// Bounds of the points with finite x, y and z; empty (isEmpty()) if none.
  [[nodiscard]] Aabb bounds() const noexcept;
  /// Removes every point whose x, y or z is NaN or infinite, keeping the
  /// order of the rest and all channels aligned. Returns how many were removed.
  std::size_t removeNonFinite();

 private:
  PointChannel<float> m_x;
  PointChannel<float> m_y;
  PointChannel<float> m_z;
  PointChannel<float> m_intensity;
  PointChannel<std::uint16_t> m_ring;
  PointChannel<std::int32_t> m_timeOffsetNs;
  PointChannel<Rgb8> m_rgb;
  std::int64_t m_timestampNs = 0;
  bool m_hasRing = false;
  bool m_hasTime = false;
  bool m_hasRgb = false;
};

}  // namespace fuselabel

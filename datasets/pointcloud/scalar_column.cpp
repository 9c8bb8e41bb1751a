#include "datasets/pointcloud/scalar_column.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <xmmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define FUSELABEL_HAVE_AVX2_PATH 1
#endif

namespace fuselabel::pointcloud_detail {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the point cloud readers assume a little-endian host, like every file they read");

template <class T>
T load(const std::byte* at, bool bigEndian) noexcept {
  if constexpr (sizeof(T) == 1) {
    T v;
    std::memcpy(&v, at, 1);
    return v;
  } else {
    using Bits =
        std::conditional_t<sizeof(T) == 2, std::uint16_t,
                           std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>;
    Bits bits;
    std::memcpy(&bits, at, sizeof bits);
    if (bigEndian) {
      if constexpr (sizeof(T) == 2) bits = static_cast<Bits>(__builtin_bswap16(bits));
      if constexpr (sizeof(T) == 4) bits = __builtin_bswap32(bits);
      if constexpr (sizeof(T) == 8) bits = __builtin_bswap64(bits);
    }
    return std::bit_cast<T>(bits);
  }
}

/// Calls `fn.template operator()<T>()` with the C++ type of `type`, so each
/// column loop is instantiated per stored type and stays a tight loop.
template <class Fn>
void withType(ScalarType type, Fn&& fn) {
  switch (type) {
    case ScalarType::I8:
      fn.template operator()<std::int8_t>();
      return;
    case ScalarType::U8:
      fn.template operator()<std::uint8_t>();
      return;
    case ScalarType::I16:
      fn.template operator()<std::int16_t>();
      return;
    case ScalarType::U16:
      fn.template operator()<std::uint16_t>();
      return;
    case ScalarType::I32:
      fn.template operator()<std::int32_t>();
      return;
    case ScalarType::U32:
      fn.template operator()<std::uint32_t>();
      return;
    case ScalarType::I64:
      fn.template operator()<std::int64_t>();
      return;
    case ScalarType::U64:
      fn.template operator()<std::uint64_t>();
      return;
    case ScalarType::F32:
      fn.template operator()<float>();
      return;
    case ScalarType::F64:
      fn.template operator()<double>();
      return;
  }
}

template <class T>
bool toRing(T v, std::uint16_t& out) noexcept {
  if constexpr (std::is_floating_point_v<T>) {
    // The negated comparison also rejects NaN.
    if (!(v >= T{0} && v <= T{65535}) || v != std::floor(v)) return false;
    out = static_cast<std::uint16_t>(v);
    return true;
  } else {
    if constexpr (std::is_signed_v<T>) {
      if (v < 0) return false;
    }
    if (static_cast<std::uint64_t>(v) > 65535U) return false;
    out = static_cast<std::uint16_t>(v);
    return true;
  }
}

template <class T>
std::int64_t toNs(T v) noexcept {
  if constexpr (std::is_floating_point_v<T>) {
    const double ns = static_cast<double>(v) * 1e9;
    // ±9e18 ns is ±285 years around the epoch; anything beyond is garbage.
    if (!(std::fabs(ns) < 9.0e18)) return kInvalidTime;
    return std::llround(ns);
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return kInvalidTime;
    return static_cast<std::int64_t>(v);
  } else {
    const auto ns = static_cast<std::int64_t>(v);
    return ns == kInvalidTime ? kInvalidTime : ns;
  }
}

}  // namespace

std::size_t scalarSize(ScalarType type) noexcept {
  switch (type) {
    case ScalarType::I8:
    case ScalarType::U8:
      return 1;
    case ScalarType::I16:
    case ScalarType::U16:
      return 2;
    case ScalarType::I32:
    case ScalarType::U32:
    case ScalarType::F32:
      return 4;
    case ScalarType::I64:
    case ScalarType::U64:
    case ScalarType::F64:
      return 8;
  }
  return 1;
}

bool isFloat(ScalarType type) noexcept {
  return type == ScalarType::F32 || type == ScalarType::F64;
}

void decodeFloat(const ColumnSource& source, std::span<float> out) {
  const std::byte* base = source.base;
  const std::size_t stride = source.stride;
  const bool big = source.bigEndian;
  float* dst = out.data();
  const std::size_t n = out.size();
  if (source.type == ScalarType::F32 && !big) {
    // The hot path of every reader: keep it free of per-value branches.
    for (std::size_t i = 0; i < n; ++i)
      std::memcpy(dst + i, base + i * stride, sizeof(float));
    return;
  }
  withType(source.type, [&]<class T>() {
    for (std::size_t i = 0; i < n; ++i)
      dst[i] = static_cast<float>(load<T>(base + i * stride, big));
  });
}

#if defined(FUSELABEL_HAVE_AVX2_PATH)
namespace {

/// Record `record` in the low half of a register, record `record + 4` in the high half.
__attribute__((target("avx2"))) inline __m256 recordPair(const std::byte* base, std::size_t stride,
                                                         std::size_t record) {
  const auto* low = reinterpret_cast<const float*>(base + record * stride);
  const auto* high = reinterpret_cast<const float*>(base + (record + 4) * stride);
  return _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(low)), _mm_loadu_ps(high), 1);
}

/// Eight records per step: each 256-bit register holds record k in its low
/// half and record k+4 in its high half, so the in-lane 4×4 transpose leaves
/// x0..x7 (and y, z, intensity) in order with no cross-lane permute.
/// Returns how many records it decoded (a multiple of eight).
__attribute__((target("avx2"))) std::size_t transposeXyziAvx2(const std::byte* base,
                                                              std::size_t stride, std::size_t n,
                                                              float* outX, float* outY, float* outZ,
                                                              float* outI) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 a = recordPair(base, stride, i);
    const __m256 b = recordPair(base, stride, i + 1);
    const __m256 c = recordPair(base, stride, i + 2);
    const __m256 d = recordPair(base, stride, i + 3);
    const __m256 xyAB = _mm256_unpacklo_ps(a, b);  // x_a x_b y_a y_b per lane
    const __m256 xyCD = _mm256_unpacklo_ps(c, d);
    const __m256 ziAB = _mm256_unpackhi_ps(a, b);  // z_a z_b i_a i_b per lane
    const __m256 ziCD = _mm256_unpackhi_ps(c, d);
    _mm256_storeu_ps(outX + i, _mm256_shuffle_ps(xyAB, xyCD, 0x44));
    _mm256_storeu_ps(outY + i, _mm256_shuffle_ps(xyAB, xyCD, 0xEE));
    _mm256_storeu_ps(outZ + i, _mm256_shuffle_ps(ziAB, ziCD, 0x44));
    _mm256_storeu_ps(outI + i, _mm256_shuffle_ps(ziAB, ziCD, 0xEE));
  }
  return i;
}

}  // namespace
#endif

bool decodeXyziInterleaved(const ColumnSource& x, const ColumnSource& y, const ColumnSource& z,
                           const ColumnSource& intensity, std::span<float> outX,
                           std::span<float> outY, std::span<float> outZ,
                           std::span<float> outIntensity) {
  const std::size_t stride = x.stride;
  auto adjacent = [&](const ColumnSource& c, std::size_t offset) {
    return c.type == ScalarType::F32 && !c.bigEndian && c.stride == stride &&
           c.base == x.base + offset;
  };
  if (!adjacent(x, 0) || !adjacent(y, 4) || !adjacent(z, 8) || !adjacent(intensity, 12) ||
      stride < 16)
    return false;
  const std::size_t n = outX.size();
  const std::byte* base = x.base;
  std::size_t i = 0;
#if defined(FUSELABEL_HAVE_AVX2_PATH)
  // Checked once: the build targets plain x86-64, the machines reading
  // sweeps nearly all have AVX2, and eight points per step halve the shuffles.
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2)
    i = transposeXyziAvx2(base, stride, n, outX.data(), outY.data(), outZ.data(),
                          outIntensity.data());
#endif
#if defined(__SSE2__)
  for (; i + 4 <= n; i += 4) {
    const std::byte* r = base + i * stride;
    __m128 a = _mm_loadu_ps(reinterpret_cast<const float*>(r));
    __m128 b = _mm_loadu_ps(reinterpret_cast<const float*>(r + stride));
    __m128 c = _mm_loadu_ps(reinterpret_cast<const float*>(r + 2 * stride));
    __m128 d = _mm_loadu_ps(reinterpret_cast<const float*>(r + 3 * stride));
    _MM_TRANSPOSE4_PS(a, b, c, d);
    _mm_storeu_ps(outX.data() + i, a);
    _mm_storeu_ps(outY.data() + i, b);
    _mm_storeu_ps(outZ.data() + i, c);
    _mm_storeu_ps(outIntensity.data() + i, d);
  }
#endif
  for (; i < n; ++i) {
    const std::byte* r = base + i * stride;
    std::memcpy(outX.data() + i, r, 4);
    std::memcpy(outY.data() + i, r + 4, 4);
    std::memcpy(outZ.data() + i, r + 8, 4);
    std::memcpy(outIntensity.data() + i, r + 12, 4);
  }
  return true;
}

std::size_t decodeRing(const ColumnSource& source, std::span<std::uint16_t> out) {
  std::size_t bad = 0;
  withType(source.type, [&]<class T>() {
    for (std::size_t i = 0; i < out.size(); ++i) {
      std::uint16_t ring = 0;
      if (!toRing(load<T>(source.base + i * source.stride, source.bigEndian), ring)) ++bad;
      out[i] = ring;
    }
  });
  return bad;
}

void decodeTimeNs(const ColumnSource& source, std::span<std::int64_t> out) {
  withType(source.type, [&]<class T>() {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = toNs(load<T>(source.base + i * source.stride, source.bigEndian));
    }
  });
}

void decodePackedRgb(const ColumnSource& source, std::span<Rgb8> out) {
  if (scalarSize(source.type) != 4) {
    // Reading 4 bytes from a narrower field would run past the record.
    std::fill(out.begin(), out.end(), Rgb8{});
    return;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto bits = load<std::uint32_t>(source.base + i * source.stride, source.bigEndian);
    out[i] = Rgb8{static_cast<std::uint8_t>(bits >> 16), static_cast<std::uint8_t>(bits >> 8),
                  static_cast<std::uint8_t>(bits)};
  }
}

double loadAsDouble(const std::byte* at, ScalarType type, bool bigEndian) noexcept {
  double value = 0.0;
  withType(type, [&]<class T>() { value = static_cast<double>(load<T>(at, bigEndian)); });
  return value;
}

Channel channelForName(std::string_view name) noexcept {
  char lower[24] = {};
  if (name.size() >= sizeof lower) return Channel::None;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view n(lower, name.size());
  if (n == "x") return Channel::X;
  if (n == "y") return Channel::Y;
  if (n == "z") return Channel::Z;
  if (n == "intensity" || n == "i" || n == "reflectance" || n == "scalar_intensity" ||
      n == "remission") {
    return Channel::Intensity;
  }
  if (n == "ring" || n == "laser_number" || n == "laser_id" || n == "ring_id") return Channel::Ring;
  if (n == "timestamp" || n == "time" || n == "t" || n == "time_stamp") return Channel::Time;
  if (n == "rgb" || n == "rgba") return Channel::PackedRgb;
  if (n == "red" || n == "r") return Channel::Red;
  if (n == "green" || n == "g") return Channel::Green;
  if (n == "blue" || n == "b") return Channel::Blue;
  return Channel::None;
}

std::string applyTimes(std::span<const std::int64_t> absoluteNs, PointCloud& cloud) {
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  std::size_t invalid = 0;
  for (const std::int64_t t : absoluteNs) {
    if (t == kInvalidTime) {
      ++invalid;
      continue;
    }
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  }
  if (invalid == absoluteNs.size()) {
    return absoluteNs.empty() ? std::string{} : "per-point time dropped: no valid value";
  }
  // hi - lo cannot overflow: both lie within ±9e18 or are integer values whose
  // difference we check in unsigned arithmetic.
  const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
  if (span > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max())) {
    return "per-point time dropped: the sweep spans " + std::to_string(span) +
           " ns, more than an int32 offset can hold";
  }
  cloud.enableTime();
  cloud.setTimestampNs(lo);
  auto offsets = cloud.timeOffsetNs();
  for (std::size_t i = 0; i < absoluteNs.size(); ++i) {
    offsets[i] = absoluteNs[i] == kInvalidTime ? 0 : static_cast<std::int32_t>(absoluteNs[i] - lo);
  }
  if (invalid > 0) {
    return std::to_string(invalid) + " per-point times were NaN or out of range; their offset is 0";
  }
  return {};
}

}  // namespace fuselabel::pointcloud_detail

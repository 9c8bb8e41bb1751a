#pragma once
// Move-only ownership of one OpenGL object name. Every GL wrapper in the render
// layer holds one of these, so the copy/move/delete rules are written once:
// copy is deleted, move leaves the source empty, destruction deletes the name.
// The empty state (name 0) needs no GL context, so default-constructed and
// moved-from wrappers can be destroyed anywhere, e.g. after the window is gone.

#include <cstdint>
#include <utility>

namespace fuselabel::render {

/// Owns one GL object name; `Traits::destroy(name)` deletes it.
template <class Traits>
class GlName {
 public:
  GlName() noexcept = default;
  explicit GlName(std::uint32_t name) noexcept : m_name(name) {}
  GlName(const GlName&) = delete;
  GlName& operator=(const GlName&) = delete;
  GlName(GlName&& other) noexcept : m_name(std::exchange(other.m_name, 0U)) {}
  GlName& operator=(GlName&& other) noexcept {
    if (this != &other) {
      reset();
      m_name = std::exchange(other.m_name, 0U);
    }
    return *this;
  }
  ~GlName() { reset(); }

  [[nodiscard]] std::uint32_t get() const noexcept { return m_name; }
  [[nodiscard]] bool empty() const noexcept { return m_name == 0U; }

  /// Deletes the owned name (if any) and becomes empty.
  void reset() noexcept {
    if (m_name != 0U) {
      Traits::destroy(m_name);
      m_name = 0U;
    }
  }

 private:
  std::uint32_t m_name = 0U;
};

}  // namespace fuselabel::render

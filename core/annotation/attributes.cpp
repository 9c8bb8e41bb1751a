#include "core/annotation/attributes.hpp"

#include <algorithm>
#include <charconv>
#include <iterator>

namespace fuselabel {

namespace {

auto lowerBound(const std::vector<Attributes::Entry>& entries, std::string_view name) {
  return std::lower_bound(
      entries.begin(), entries.end(), name,
      [](const Attributes::Entry& e, std::string_view n) { return e.first < n; });
}

}  // namespace

const AttributeValue* Attributes::find(std::string_view name) const {
  const auto it = lowerBound(m_entries, name);
  return (it != m_entries.end() && it->first == name) ? &it->second : nullptr;
}

void Attributes::set(std::string name, AttributeValue value) {
  const auto it = lowerBound(m_entries, name);
  if (it != m_entries.end() && it->first == name) {
    m_entries[static_cast<std::size_t>(std::distance(m_entries.cbegin(), it))].second =
        std::move(value);
    return;
  }
  m_entries.insert(it, Entry{std::move(name), std::move(value)});
}

bool Attributes::erase(std::string_view name) {
  const auto it = lowerBound(m_entries, name);
  if (it == m_entries.end() || it->first != name) return false;
  m_entries.erase(it);
  return true;
}

std::size_t Attributes::heapBytes() const noexcept {
  std::size_t bytes = m_entries.capacity() * sizeof(Entry);
  for (const Entry& e : m_entries) {
    bytes += e.first.capacity();
    if (const auto* text = std::get_if<std::string>(&e.second)) bytes += text->capacity();
  }
  return bytes;
}

std::string toDisplayString(const AttributeValue& value) {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const double* d = std::get_if<double>(&value)) {
    char buffer[32];
    const auto res = std::to_chars(buffer, buffer + sizeof(buffer), *d);
    return std::string(buffer, res.ptr);
  }
  return std::get<std::string>(value);
}

}  // namespace fuselabel

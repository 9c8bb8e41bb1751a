#pragma once
// Attribute values carried by objects (static) and instances (per frame).

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace fuselabel {

/// One attribute value. Enum values are stored as their string name, so a
/// label survives a schema that renamed or dropped the value (it is reported,
/// not lost). Numbers are doubles.
using AttributeValue = std::variant<bool, double, std::string>;

/// A name → value map kept as a small vector sorted by name: most objects and
/// instances carry zero to three attributes, so a vector beats a tree in
/// memory and speed at 400k instances, and sorted order makes equality and
/// file output deterministic.
class Attributes {
 public:
  /// One entry: attribute name and its value.
  using Entry = std::pair<std::string, AttributeValue>;

  /// The value of `name`, or nullptr when it is not set.
  [[nodiscard]] const AttributeValue* find(std::string_view name) const;
  /// Sets `name` to `value`, replacing any previous value.
  void set(std::string name, AttributeValue value);
  /// Removes `name`; returns true when it was set.
  bool erase(std::string_view name);

  /// Number of attributes set.
  [[nodiscard]] std::size_t size() const noexcept { return m_entries.size(); }
  /// True when no attribute is set.
  [[nodiscard]] bool empty() const noexcept { return m_entries.empty(); }
  /// Entries in name order.
  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return m_entries; }
  /// Iteration in name order.
  [[nodiscard]] auto begin() const noexcept { return m_entries.begin(); }
  /// Iteration in name order.
  [[nodiscard]] auto end() const noexcept { return m_entries.end(); }
  /// Approximate heap bytes held (for undo memory accounting).
  [[nodiscard]] std::size_t heapBytes() const noexcept;

  /// Exact equality of names and values.
  friend bool operator==(const Attributes&, const Attributes&) = default;

 private:
  std::vector<Entry> m_entries;
};

/// Human-readable form of a value ("true", "0.5", "partly"), for messages.
[[nodiscard]] std::string toDisplayString(const AttributeValue& value);

}  // namespace fuselabel

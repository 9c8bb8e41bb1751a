#include "datasets/io/json_rows.hpp"

#include <string>
#include <utility>
#include <vector>

namespace fuselabel {
namespace {

using Json = nlohmann::json;

/// A SAX handler that builds each top-level row as the DOM parser would and
/// hands it to the filter when it ends. nlohmann's parse-with-callback does
/// the same job but calls back on every key and value (making a json of each
/// key), which made it most of a nuScenes scene's load time.
class RowCollector final : public nlohmann::json_sax<Json> {
 public:
  explicit RowCollector(const JsonRowFilter& keep) : m_keep(keep) {}

  Json rows = Json::array();
  bool notAnArray = false;
  std::size_t errorByte = 0;
  std::string errorMessage;

  bool null() override { return put(nullptr); }
  bool boolean(bool value) override { return put(value); }
  bool number_integer(number_integer_t value) override { return put(value); }
  bool number_unsigned(number_unsigned_t value) override { return put(value); }
  bool number_float(number_float_t value, const string_t& /*text*/) override { return put(value); }
  bool string(string_t& value) override { return put(std::move(value)); }
  bool binary(binary_t& value) override { return put(Json::binary(std::move(value))); }
  bool start_object(std::size_t /*elements*/) override { return open(Json::object()); }
  bool key(string_t& key) override {
    m_key = std::move(key);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t /*elements*/) override { return open(Json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& /*lastToken*/,
                   const nlohmann::detail::exception& error) override {
    errorByte = position;
    errorMessage = error.what();
    return false;
  }

 private:
  /// A value where the parser stands: inside the row being built, or a
  /// top-level row of its own (not an object; the caller reports it).
  template <class Value>
  bool put(Value&& value) {
    if (m_open.empty()) {
      if (!m_inTable) return refuseNonArray();
      rows.push_back(Json(std::forward<Value>(value)));
      return true;
    }
    Json& parent = *m_open.back();
    if (parent.is_object()) {
      parent[m_key] = std::forward<Value>(value);
    } else {
      parent.push_back(std::forward<Value>(value));
    }
    return true;
  }

  bool open(Json&& container) {
    if (m_open.empty()) {
      if (!m_inTable) {
        if (!container.is_array()) return refuseNonArray();
        m_inTable = true;
        return true;
      }
      m_row = std::move(container);
      m_open.push_back(&m_row);
      return true;
    }
    // The child is the parent's newest element; nothing is added to the
    // parent until the child closes, so the pointer stays valid.
    Json& parent = *m_open.back();
    Json* child = nullptr;
    if (parent.is_object()) {
      child = &(parent[m_key] = std::move(container));
    } else {
      parent.push_back(std::move(container));
      child = &parent.back();
    }
    m_open.push_back(child);
    return true;
  }

  bool close() {
    if (m_open.empty()) return true;  // the end of the table itself
    m_open.pop_back();
    if (m_open.empty()) {
      if (!m_keep || m_keep(m_row)) rows.push_back(std::move(m_row));
      m_row = Json();
    }
    return true;
  }

  bool refuseNonArray() {
    notAnArray = true;
    return false;
  }

  const JsonRowFilter& m_keep;
  bool m_inTable = false;
  Json m_row;
  std::vector<Json*> m_open;  ///< containers of the row being built, outermost first
  std::string m_key;
};

}  // namespace

Result<Json> parseJsonRows(std::string_view text, const JsonRowFilter& keep,
                           std::string_view name) {
  RowCollector collector(keep);
  const bool complete = Json::sax_parse(text, &collector);
  if (collector.notAnArray) return Error::inFile(name, "expected a JSON array of rows");
  if (!complete) {
    return Error::at(name, "byte " + std::to_string(collector.errorByte),
                     "invalid JSON: " + collector.errorMessage);
  }
  return std::move(collector.rows);
}

}  // namespace fuselabel

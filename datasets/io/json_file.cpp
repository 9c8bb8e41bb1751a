#include "datasets/io/json_file.hpp"

#include <cmath>

#include "core/io/text_file.hpp"

namespace fuselabel {

Result<nlohmann::json> readJsonFile(const std::filesystem::path& path) {
  auto text = readTextFile(path);
  if (!text) return text.error();
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::parse_error& e) {
    return Error::at(path.string(), "byte " + std::to_string(e.byte),
                     "invalid JSON: " + std::string(e.what()));
  }
}

Result<JsonObject> JsonObject::wrap(const nlohmann::json& value, std::string file,
                                    std::string path) {
  if (!value.is_object()) {
    return Error::at(file, path.empty() ? "top level" : path, "expected a JSON object");
  }
  JsonObject object;
  object.m_value = &value;
  object.m_file = std::move(file);
  object.m_path = std::move(path);
  return object;
}

Result<std::string> JsonObject::string(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_string()) return errorAt(key, "expected a string");
  return it->get<std::string>();
}

Result<std::int64_t> JsonObject::integer(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_number_integer()) return errorAt(key, "expected an integer");
  return it->get<std::int64_t>();
}

Result<double> JsonObject::number(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_number()) return errorAt(key, "expected a number");
  const double value = it->get<double>();
  if (!std::isfinite(value)) return errorAt(key, "is not finite");
  return value;
}

Result<std::vector<double>> JsonObject::numbers(const char* key, size_t count) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_array() || (count != 0 && it->size() != count)) {
    return errorAt(key, count != 0 ? "expected an array of " + std::to_string(count) + " numbers"
                                   : "expected an array of numbers");
  }
  std::vector<double> values;
  values.reserve(it->size());
  for (const auto& v : *it) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      return errorAt(key, "holds a value that is not a finite number");
    values.push_back(v.get<double>());
  }
  return values;
}

Result<std::vector<std::string>> JsonObject::strings(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_array()) return errorAt(key, "expected an array of strings");
  std::vector<std::string> values;
  for (const auto& v : *it) {
    if (!v.is_string()) return errorAt(key, "holds a value that is not a string");
    values.push_back(v.get<std::string>());
  }
  return values;
}

Result<JsonObject> JsonObject::object(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  return wrap(*it, m_file, pathOf(key));
}

Result<const nlohmann::json*> JsonObject::array(const char* key) const {
  const auto it = m_value->find(key);
  if (it == m_value->end()) return errorAt(key, "missing");
  if (!it->is_array()) return errorAt(key, "expected an array");
  return &*it;
}

std::vector<std::string> JsonObject::unknownKeys(std::initializer_list<const char*> known) const {
  std::vector<std::string> unknown;
  for (const auto& [key, value] : m_value->items()) {
    bool found = false;
    for (const char* k : known)
      found = found || key == k;
    if (!found) unknown.push_back(key);
  }
  return unknown;
}

}  // namespace fuselabel

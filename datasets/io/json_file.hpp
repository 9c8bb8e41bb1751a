#pragma once
// Reading JSON files and pulling typed values out of them with errors that
// name the file and the JSON path ("scene.json: sensors.cam_front.K: expected
// 9 numbers"). For use inside datasets/ .cpp files; JSON types stay out of the
// libraries' public headers.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel {

/// Parses a JSON file; a syntax error names the file and the byte offset.
Result<nlohmann::json> readJsonFile(const std::filesystem::path& path);

/// Typed access to one JSON object, remembering where it sits for messages.
class JsonObject {
 public:
  /// Wraps `value`, which must be an object, found at `path` in `file`.
  static Result<JsonObject> wrap(const nlohmann::json& value, std::string file, std::string path);

  /// Whether `key` is present.
  bool has(const char* key) const { return m_value->contains(key); }
  /// The JSON path of `key` in this object, e.g. "sensors.cam_front.K".
  std::string pathOf(const std::string& key) const {
    return m_path.empty() ? key : m_path + "." + key;
  }
  /// An error at `key` of this object.
  Error errorAt(const std::string& key, const std::string& what) const {
    return Error::at(m_file, pathOf(key), what);
  }

  /// A required string.
  Result<std::string> string(const char* key) const;
  /// A required integer.
  Result<std::int64_t> integer(const char* key) const;
  /// A required number.
  Result<double> number(const char* key) const;
  /// A required array of exactly `count` numbers (any count when 0).
  Result<std::vector<double>> numbers(const char* key, size_t count = 0) const;
  /// A required array of strings.
  Result<std::vector<std::string>> strings(const char* key) const;
  /// A required nested object.
  Result<JsonObject> object(const char* key) const;
  /// A required array.
  Result<const nlohmann::json*> array(const char* key) const;

  /// Keys not in `known`, for "unknown key" warnings.
  std::vector<std::string> unknownKeys(std::initializer_list<const char*> known) const;
  /// The wrapped value.
  const nlohmann::json& json() const { return *m_value; }
  /// The file name used in messages.
  const std::string& file() const { return m_file; }
  /// The JSON path of this object.
  const std::string& path() const { return m_path; }

 private:
  const nlohmann::json* m_value = nullptr;
  std::string m_file;
  std::string m_path;
};

}  // namespace fuselabel

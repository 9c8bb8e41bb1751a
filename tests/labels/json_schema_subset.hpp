#pragma once
// A small JSON Schema (draft-07) validator for the keywords our schema files
// use: type, enum, properties, required, additionalProperties,
// patternProperties, items, minItems, maxItems, $ref (#/definitions/…),
// oneOf and anyOf. Debian ships no C++ JSON-schema validator we use; this is
// enough to check exported OpenLABEL files against schemas/openlabel_schema_v1.json.

#include <nlohmann/json.hpp>

#include <regex>
#include <string>
#include <vector>

namespace fuselabel::test {

class JsonSchemaSubset {
 public:
  explicit JsonSchemaSubset(nlohmann::json schema) : m_root(std::move(schema)) {}

  /// Every violation as "<json path>: <what>"; empty when `value` is valid.
  std::vector<std::string> validate(const nlohmann::json& value) const {
    std::vector<std::string> errors;
    check(m_root, value, "$", errors);
    return errors;
  }

 private:
  static bool hasType(const nlohmann::json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "number") return v.is_number();
    if (type == "integer")
      return v.is_number_integer() ||
             (v.is_number_float() &&
              v.get<double>() == static_cast<double>(static_cast<long long>(v.get<double>())));
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
  }

  const nlohmann::json& resolve(const std::string& ref) const {
    static const nlohmann::json empty = nlohmann::json::object();
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) return empty;
    const auto& defs = m_root["definitions"];
    const std::string name = ref.substr(prefix.size());
    return defs.contains(name) ? defs[name] : empty;
  }

  void check(const nlohmann::json& schema, const nlohmann::json& v, const std::string& path,
             std::vector<std::string>& errors) const {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) errors.push_back(path + ": not allowed");
      return;
    }
    if (schema.contains("$ref")) {
      check(resolve(schema["$ref"].get<std::string>()), v, path, errors);
      return;
    }
    if (schema.contains("type")) {
      bool ok = false;
      if (schema["type"].is_string())
        ok = hasType(v, schema["type"].get<std::string>());
      else
        for (const auto& t : schema["type"])
          ok = ok || hasType(v, t.get<std::string>());
      if (!ok) {
        errors.push_back(path + ": expected type " + schema["type"].dump());
        return;
      }
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"])
        found = found || e == v;
      if (!found)
        errors.push_back(path + ": " + v.dump() + " is not one of " + schema["enum"].dump());
    }
    for (const char* combinator : {"oneOf", "anyOf"}) {
      if (!schema.contains(combinator)) continue;
      int matches = 0;
      for (const auto& option : schema[combinator]) {
        std::vector<std::string> sub;
        check(option, v, path, sub);
        matches += sub.empty() ? 1 : 0;
      }
      const bool one = std::string(combinator) == "oneOf";
      if ((one && matches != 1) || (!one && matches == 0)) {
        errors.push_back(path + ": matches " + std::to_string(matches) + " of the " + combinator +
                         " alternatives");
      }
    }
    if (v.is_object()) {
      if (schema.contains("required")) {
        for (const auto& key : schema["required"]) {
          if (!v.contains(key.get<std::string>()))
            errors.push_back(path + ": missing required \"" + key.get<std::string>() + "\"");
        }
      }
      for (const auto& [key, member] : v.items()) {
        bool matched = false;
        if (schema.contains("properties") && schema["properties"].contains(key)) {
          matched = true;
          check(schema["properties"][key], member, path + "." + key, errors);
        }
        if (schema.contains("patternProperties")) {
          for (const auto& [pattern, sub] : schema["patternProperties"].items()) {
            if (std::regex_search(key, std::regex(pattern))) {
              matched = true;
              check(sub, member, path + "." + key, errors);
            }
          }
        }
        if (!matched && schema.contains("additionalProperties")) {
          const auto& extra = schema["additionalProperties"];
          if (extra.is_boolean() && !extra.get<bool>())
            errors.push_back(path + ": unexpected member \"" + key + "\"");
          else if (extra.is_object())
            check(extra, member, path + "." + key, errors);
        }
      }
    }
    if (v.is_array()) {
      if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>()) {
        errors.push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
      }
      if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<std::size_t>()) {
        errors.push_back(path + ": more than " + schema["maxItems"].dump() + " items");
      }
      if (schema.contains("items")) {
        for (std::size_t i = 0; i < v.size(); ++i)
          check(schema["items"], v[i], path + "[" + std::to_string(i) + "]", errors);
      }
    }
  }

  nlohmann::json m_root;
};

}  // namespace fuselabel::test

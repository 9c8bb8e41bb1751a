#include "calib/readers/key_value_text.hpp"

#include <charconv>
#include <cmath>

namespace fuselabel {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

/// Parses whitespace-separated numbers; false if any token is not a number.
bool parseNumbers(std::string_view text, std::vector<double>& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
      ++pos;
    if (pos >= text.size()) break;
    double value = 0.0;
    const char* begin = text.data() + pos;
    const char* end = text.data() + text.size();
    if (*begin == '+') ++begin;  // from_chars rejects a leading '+'
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || (ptr != end && *ptr != ' ' && *ptr != '\t')) return false;
    out.push_back(value);
    pos = static_cast<size_t>(ptr - text.data());
  }
  return true;
}

}  // namespace

Result<KeyValueText> KeyValueText::parse(std::string_view content, const std::string& fileName) {
  KeyValueText result;
  result.m_fileName = fileName;
  int lineNumber = 0;
  size_t start = 0;
  while (start <= content.size()) {
    const size_t newline = content.find('\n', start);
    const std::string_view raw = content.substr(
        start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    start = newline == std::string_view::npos ? content.size() + 1 : newline + 1;
    ++lineNumber;
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    const size_t keyEnd = line.find_first_of(" \t:");
    std::string key(line.substr(0, keyEnd));
    std::string_view rest =
        keyEnd == std::string_view::npos ? std::string_view{} : line.substr(keyEnd);
    if (!rest.empty() && rest.front() == ':') rest.remove_prefix(1);
    rest = trim(rest);
    KeyValueLine entry;
    entry.line = lineNumber;
    entry.text = std::string(rest);
    if (!parseNumbers(rest, entry.values)) entry.values.clear();
    if (result.m_lines.count(key) != 0) {
      return Error::at(fileName, "line " + std::to_string(lineNumber),
                       "key '" + key + "' appears twice (first on line " +
                           std::to_string(result.m_lines[key].line) + ")");
    }
    result.m_lines.emplace(std::move(key), std::move(entry));
  }
  return result;
}

Result<std::vector<double>> KeyValueText::numbers(std::initializer_list<const char*> keys,
                                                  size_t count) const {
  for (const char* key : keys) {
    const auto it = m_lines.find(key);
    if (it == m_lines.end()) continue;
    const KeyValueLine& entry = it->second;
    const std::string where = "line " + std::to_string(entry.line);
    if (entry.values.size() != count) {
      return Error::at(
          m_fileName, where,
          std::string("'") + key + "' needs " + std::to_string(count) + " numbers, found " +
              (entry.values.empty() && !entry.text.empty() ? "text that is not a list of numbers"
                                                           : std::to_string(entry.values.size())));
    }
    for (double v : entry.values) {
      if (!std::isfinite(v)) {
        return Error::at(m_fileName, where, std::string("'") + key + "' has a non-finite value");
      }
    }
    return entry.values;
  }
  std::string names;
  for (const char* key : keys)
    names += (names.empty() ? "" : " or ") + std::string(key);
  return Error::inFile(m_fileName, "missing '" + names + "'");
}

}  // namespace fuselabel

#pragma once
// Splitting a header line of a text-headed point cloud format (PCD, PLY)
// into whitespace-separated tokens, shared by both header parsers.

#include <string>
#include <string_view>
#include <vector>

namespace fuselabel::pointcloud_detail {

/// The space- or tab-separated tokens of `line`, as views into it.
inline std::vector<std::string_view> splitTokens(std::string_view line) {
  std::vector<std::string_view> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
      ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t')
      ++i;
    if (i > start) tokens.push_back(line.substr(start, i - start));
  }
  return tokens;
}

/// "line N", the place a header parser's error names.
inline std::string lineAt(std::size_t line) {
  return "line " + std::to_string(line);
}

}  // namespace fuselabel::pointcloud_detail

#pragma once
// The "key: v1 v2 …" text layout shared by KITTI's calibration files, parsed
// once with line numbers so every reader reports errors the same way.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace fuselabel {

/// One "key: numbers" line of a calibration text file.
struct KeyValueLine {
  int line = 0;                ///< 1-based line number, for messages
  std::vector<double> values;  ///< the numbers after the key; empty if they were not numeric
  std::string text;            ///< the raw value text (for non-numeric entries like calib_time)
};

/// All lines of a key/value calibration file, by key.
class KeyValueText {
 public:
  /// Parses `content`. Keys may end in ':' or not (KITTI tracking files drop
  /// it); blank lines are skipped. A key given twice is an error.
  static Result<KeyValueText> parse(std::string_view content, const std::string& fileName);

  /// True when `key` is present.
  bool has(const std::string& key) const { return m_lines.count(key) != 0; }

  /// The numbers of the first of `keys` that is present, checked to be exactly
  /// `count` finite numbers; the error names the file, line and key.
  Result<std::vector<double>> numbers(std::initializer_list<const char*> keys, size_t count) const;

  /// The file name used in messages.
  const std::string& fileName() const { return m_fileName; }

 private:
  std::string m_fileName;
  std::map<std::string, KeyValueLine> m_lines;
};

}  // namespace fuselabel

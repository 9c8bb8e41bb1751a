#include "datasets/adapters/kitti_oxts.hpp"

#include <charconv>
#include <cmath>
#include <numbers>

#include "core/geometry/transform.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {
namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isSpace(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back()))
    text.remove_suffix(1);
  return text;
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/// Reads exactly `digits` decimal digits at `pos`, advancing it.
bool readDigits(std::string_view text, size_t& pos, size_t digits, std::int64_t& value) {
  if (pos + digits > text.size()) return false;
  value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return true;
}

bool expectChar(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

Result<KittiOxtsRecord> parseKittiOxtsLine(std::string_view line, const std::string& where) {
  double values[kKittiOxtsValues] = {};
  size_t count = 0;
  const char* p = line.data();
  const char* end = line.data() + line.size();
  while (true) {
    while (p != end && isSpace(*p))
      ++p;
    if (p == end) break;
    if (count == kKittiOxtsValues) {
      return Error{where + ": expected " + std::to_string(kKittiOxtsValues) +
                   " OXTS values, found more"};
    }
    const auto [next, ec] = std::from_chars(p, end, values[count]);
    if (ec != std::errc() || (next != end && !isSpace(*next))) {
      const char* tokenEnd = p;
      while (tokenEnd != end && !isSpace(*tokenEnd))
        ++tokenEnd;
      return Error{where + ": value " + std::to_string(count + 1) + " '" +
                   std::string(p, tokenEnd) + "' is not a number"};
    }
    if (!std::isfinite(values[count]) && count < 6) {
      return Error{where + ": value " + std::to_string(count + 1) + " is not finite"};
    }
    ++count;
    p = next;
  }
  if (count != kKittiOxtsValues) {
    return Error{where + ": expected " + std::to_string(kKittiOxtsValues) + " OXTS values, found " +
                 std::to_string(count)};
  }
  if (std::abs(values[0]) > 90.0 || std::abs(values[1]) > 180.0) {
    return Error{where + ": latitude/longitude " + std::to_string(values[0]) + ", " +
                 std::to_string(values[1]) + " out of range"};
  }
  return KittiOxtsRecord{values[0], values[1], values[2], values[3], values[4], values[5]};
}

double kittiMercatorScale(double lat0) {
  return std::cos(lat0 * std::numbers::pi / 180.0);
}

Eigen::Isometry3d kittiOxtsPose(const KittiOxtsRecord& record, double mercatorScale) {
  const double pi = std::numbers::pi;
  const Eigen::Vector3d t(
      mercatorScale * record.lon * pi * kKittiEarthRadius / 180.0,
      mercatorScale * kKittiEarthRadius * std::log(std::tan((90.0 + record.lat) * pi / 360.0)),
      record.alt);
  return fromYawPitchRoll(record.yaw, record.pitch, record.roll, t);
}

Result<std::int64_t> parseKittiTimestamp(std::string_view raw, const std::string& where) {
  const std::string_view text = trimmed(raw);
  const auto bad = [&]() {
    return Error{where + ": '" + std::string(text) +
                 "' is not a timestamp like '2011-09-26 13:02:25.964389445'"};
  };
  size_t pos = 0;
  std::int64_t year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!readDigits(text, pos, 4, year) || !expectChar(text, pos, '-') ||
      !readDigits(text, pos, 2, month) || !expectChar(text, pos, '-') ||
      !readDigits(text, pos, 2, day) || !expectChar(text, pos, ' ') ||
      !readDigits(text, pos, 2, hour) || !expectChar(text, pos, ':') ||
      !readDigits(text, pos, 2, minute) || !expectChar(text, pos, ':') ||
      !readDigits(text, pos, 2, second)) {
    return bad();
  }
  std::int64_t fraction = 0;
  if (pos < text.size()) {
    if (!expectChar(text, pos, '.')) return bad();
    size_t digits = 0;
    for (; pos < text.size(); ++pos, ++digits) {
      const char c = text[pos];
      if (c < '0' || c > '9' || digits == 9) return bad();
      fraction = fraction * 10 + (c - '0');
    }
    if (digits == 0) return bad();
    for (; digits < 9; ++digits)
      fraction *= 10;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return bad();
  const std::int64_t seconds =
      ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second;
  return seconds * 1'000'000'000 + fraction;
}

Result<std::vector<std::int64_t>> readKittiTimestamps(const std::filesystem::path& file) {
  auto content = readTextFile(file);
  if (!content) return content.error();
  std::vector<std::int64_t> stamps;
  std::string_view rest = *content;
  size_t lineNumber = 0;
  size_t blankRun = 0;
  while (!rest.empty()) {
    const size_t eol = rest.find('\n');
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view{} : rest.substr(eol + 1);
    ++lineNumber;
    if (trimmed(line).empty()) {
      ++blankRun;
      continue;
    }
    if (blankRun > 0) {
      return Error::at(file.string(), "line " + std::to_string(lineNumber - blankRun),
                       "empty line inside the timestamps (line i must be the time of file i)");
    }
    auto stamp = parseKittiTimestamp(line, file.string() + ": line " + std::to_string(lineNumber));
    if (!stamp) return stamp.error();
    stamps.push_back(*stamp);
  }
  return stamps;
}

}  // namespace fuselabel

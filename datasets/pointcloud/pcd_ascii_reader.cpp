#include "datasets/pointcloud/pcd_ascii_reader.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "datasets/pointcloud/cloud_assembly.hpp"
#include "datasets/pointcloud/text_tokens.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

/// What to do with the k-th value on a line.
struct ValueAction {
  Channel channel = Channel::None;
  ScalarType type = ScalarType::F32;
};

/// from_chars rejects a leading '+', which some writers emit.
const char* skipPlus(const char* first, const char* last) {
  return (first != last && *first == '+') ? first + 1 : first;
}

template <class T>
bool parseExact(const char* first, const char* last, T& value) {
  first = skipPlus(first, last);
  const auto [end, ec] = std::from_chars(first, last, value);
  return ec == std::errc{} && end == last;
}

/// Parses a token as float (F4 directly, so a shortest-printed float reads
/// back bit-exact; other types through double).
bool parseFloatValue(const char* first, const char* last, ScalarType type, float& out) {
  if (type == ScalarType::F32) return parseExact(first, last, out);
  double d = 0.0;
  if (!parseExact(first, last, d)) return false;
  out = static_cast<float>(d);
  return true;
}

/// Quotes at most 40 characters of an untrusted token, unprintable bytes as '?'.
std::string shownToken(const char* first, const char* last) {
  std::string out = "'";
  for (const char* c = first; c < last && c < first + 40; ++c)
    out += (*c >= 32 && *c < 127) ? *c : '?';
  if (last - first > 40) out += "...";
  return out + "'";
}

}  // namespace

Result<PointCloudFile> parsePcdAscii(const PcdHeader& header, std::span<const std::byte> bytes,
                                     const PointCloudReadOptions& options, std::string_view name,
                                     PointCloudFile out) {
  const std::size_t valuesPerLine = header.valuesPerPoint;
  const std::size_t available = bytes.size() - header.dataOffset;
  // Each value needs a character and a separator; checked before allocating.
  if (header.points > 0 &&
      (valuesPerLine == 0 || available / (2 * valuesPerLine) < header.points - 1)) {
    return Error::at(name, lineAt(header.dataLine),
                     "POINTS " + std::to_string(header.points) + " cannot fit in the " +
                         std::to_string(available) +
                         " bytes of ascii data (file truncated, or POINTS too large)");
  }

  std::vector<ValueAction> actions;
  actions.reserve(valuesPerLine);
  bool seen[16] = {};
  for (const PcdField& field : header.fields) {
    for (std::size_t k = 0; k < field.count; ++k) {
      ValueAction action;
      const Channel channel = field.isPadding() ? Channel::None : channelForName(field.name);
      const auto index = static_cast<std::size_t>(channel);
      if (k == 0 && channel != Channel::None && !seen[index]) {
        seen[index] = true;
        action = ValueAction{channel, field.type};
      }
      actions.push_back(action);
    }
  }
  auto has = [&](Channel c) { return seen[static_cast<std::size_t>(c)]; };
  if (!has(Channel::X) || !has(Channel::Y) || !has(Channel::Z))
    return Error::inFile(name, "has no x, y and z fields");
  const bool wantRing = options.keepRing && has(Channel::Ring);
  const bool wantTime = options.keepTime && has(Channel::Time);
  const bool wantRgb =
      options.keepRgb &&
      (has(Channel::PackedRgb) || (has(Channel::Red) && has(Channel::Green) && has(Channel::Blue)));
  for (ValueAction& action : actions) {
    if ((action.channel == Channel::Ring && !wantRing) ||
        (action.channel == Channel::Time && !wantTime) ||
        (action.channel >= Channel::PackedRgb && !wantRgb)) {
      action.channel = Channel::None;
    }
  }

  PointCloud& cloud = out.cloud;
  if (wantRing) cloud.enableRing();
  if (wantRgb) cloud.enableRgb();
  cloud.resize(header.points);
  std::vector<std::int64_t> times(wantTime ? header.points : 0);
  float* xs = cloud.x().data();
  float* ys = cloud.y().data();
  float* zs = cloud.z().data();
  float* is = cloud.intensity().data();
  std::size_t badRing = 0;
  bool extraValues = false;

  const char* p = reinterpret_cast<const char*>(bytes.data()) + header.dataOffset;
  const char* const fileEnd = reinterpret_cast<const char*>(bytes.data()) + bytes.size();
  std::size_t lineNo = header.dataLine;
  std::size_t point = 0;
  for (; point < header.points; ++lineNo) {
    if (p >= fileEnd) {
      return Error::at(name, lineAt(lineNo),
                       "file ends after " + std::to_string(point) + " of " +
                           std::to_string(header.points) + " points");
    }
    const char* lineEnd =
        static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(fileEnd - p)));
    const char* next = lineEnd == nullptr ? fileEnd : lineEnd + 1;
    if (lineEnd == nullptr) lineEnd = fileEnd;
    if (lineEnd > p && lineEnd[-1] == '\r') --lineEnd;
    const char* c = p;
    p = next;
    std::size_t k = 0;
    for (;; ++k) {
      while (c < lineEnd && (*c == ' ' || *c == '\t'))
        ++c;
      if (c == lineEnd) break;
      const char* tokenEnd = c;
      while (tokenEnd < lineEnd && *tokenEnd != ' ' && *tokenEnd != '\t')
        ++tokenEnd;
      if (k >= valuesPerLine) {
        extraValues = true;
        break;
      }
      const ValueAction action = actions[k];
      bool ok = true;
      switch (action.channel) {
        case Channel::None:
          break;
        case Channel::X:
          ok = parseFloatValue(c, tokenEnd, action.type, xs[point]);
          break;
        case Channel::Y:
          ok = parseFloatValue(c, tokenEnd, action.type, ys[point]);
          break;
        case Channel::Z:
          ok = parseFloatValue(c, tokenEnd, action.type, zs[point]);
          break;
        case Channel::Intensity:
          ok = parseFloatValue(c, tokenEnd, action.type, is[point]);
          break;
        case Channel::Ring: {
          double v = 0.0;
          ok = parseExact(c, tokenEnd, v);
          if (ok && v >= 0.0 && v <= 65535.0 && v == std::floor(v)) {
            cloud.ring()[point] = static_cast<std::uint16_t>(v);
          } else if (ok) {
            ++badRing;
          }
          break;
        }
        case Channel::Time: {
          if (isFloat(action.type)) {
            double seconds = 0.0;
            ok = parseExact(c, tokenEnd, seconds);
            const double ns = seconds * 1e9;
            times[point] = std::fabs(ns) < 9.0e18 ? std::llround(ns) : kInvalidTime;
          } else {
            std::int64_t ns = 0;
            ok = parseExact(c, tokenEnd, ns);
            times[point] = ns;
          }
          break;
        }
        case Channel::PackedRgb: {
          std::uint32_t bits = 0;
          if (isFloat(action.type)) {
            float f = 0.0F;
            ok = parseFloatValue(c, tokenEnd, action.type, f);
            bits = std::bit_cast<std::uint32_t>(f);
          } else {
            std::uint64_t wide = 0;
            ok = parseExact(c, tokenEnd, wide);
            bits = static_cast<std::uint32_t>(wide);
          }
          cloud.rgb()[point] =
              Rgb8{static_cast<std::uint8_t>(bits >> 16), static_cast<std::uint8_t>(bits >> 8),
                   static_cast<std::uint8_t>(bits)};
          break;
        }
        case Channel::Red:
        case Channel::Green:
        case Channel::Blue: {
          double v = 0.0;
          ok = parseExact(c, tokenEnd, v);
          const double clamped = v >= 0.0 ? (v <= 255.0 ? v : 255.0) : 0.0;
          Rgb8& rgb = cloud.rgb()[point];
          const auto byte = static_cast<std::uint8_t>(clamped + 0.5);
          (action.channel == Channel::Red     ? rgb.r
           : action.channel == Channel::Green ? rgb.g
                                              : rgb.b) = byte;
          break;
        }
      }
      if (!ok) {
        return Error::at(
            name, lineAt(lineNo),
            "value " + std::to_string(k + 1) + " " + shownToken(c, tokenEnd) + " is not a number");
      }
      c = tokenEnd;
    }
    if (k == 0) continue;  // blank line
    if (k < valuesPerLine) {
      return Error::at(
          name, lineAt(lineNo),
          "expected " + std::to_string(valuesPerLine) + " values, found " + std::to_string(k));
    }
    ++point;
  }
  if (extraValues)
    out.warnings.push_back(warningFor(name, "extra values at the end of some lines ignored"));
  if (badRing > 0) {
    out.warnings.push_back(warningFor(
        name,
        std::to_string(badRing) + " ring values were not whole numbers in 0..65535; set to 0"));
  }
  if (wantTime) {
    if (std::string problem = applyTimes(times, cloud); !problem.empty()) {
      out.warnings.push_back(warningFor(name, problem));
    }
  }
  return out;
}

}  // namespace fuselabel::pointcloud_detail

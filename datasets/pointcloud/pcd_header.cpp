#include "datasets/pointcloud/pcd_header.hpp"

#include <charconv>
#include <cstdint>
#include <optional>

#include "datasets/pointcloud/cloud_assembly.hpp"
#include "datasets/pointcloud/text_tokens.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

/// A header longer than this is garbage: even 4096 fields fit easily.
constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;

/// Quotes at most 40 characters of untrusted text, replacing unprintable bytes.
std::string shownText(std::string_view text) {
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < 40; ++i) {
    const char c = text[i];
    out += (c >= 32 && c < 127) ? c : '?';
  }
  if (text.size() > 40) out += "...";
  return out + "'";
}

std::optional<std::int64_t> parseInteger(std::string_view token) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc{} || end != token.data() + token.size()) return std::nullopt;
  return value;
}

std::optional<ScalarType> scalarType(std::string_view type, std::int64_t size) {
  if (type.size() != 1) return std::nullopt;
  switch (type[0]) {
    case 'I':
      if (size == 1) return ScalarType::I8;
      if (size == 2) return ScalarType::I16;
      if (size == 4) return ScalarType::I32;
      if (size == 8) return ScalarType::I64;
      return std::nullopt;
    case 'U':
      if (size == 1) return ScalarType::U8;
      if (size == 2) return ScalarType::U16;
      if (size == 4) return ScalarType::U32;
      if (size == 8) return ScalarType::U64;
      return std::nullopt;
    case 'F':
      if (size == 4) return ScalarType::F32;
      if (size == 8) return ScalarType::F64;
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

/// The raw header lists, kept with the line each came from for messages.
struct RawHeader {
  std::vector<std::string_view> fields, sizes, types, counts;
  std::size_t fieldsLine = 0, sizesLine = 0, typesLine = 0, countsLine = 0;
  std::optional<std::int64_t> width, height, points;
  std::size_t pointsLine = 0, widthLine = 0;
};

}  // namespace

Result<PcdHeader> parsePcdHeader(std::span<const std::byte> bytes,
                                 const PointCloudReadOptions& options, std::string_view name,
                                 std::vector<std::string>& warnings) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  RawHeader raw;
  PcdHeader header;
  std::size_t pos = 0;
  std::size_t lineNo = 0;
  bool sawData = false;
  while (pos < text.size() && !sawData) {
    if (pos > kMaxHeaderBytes) {
      return Error::at(name, lineAt(lineNo),
                       "no DATA line in the first " + std::to_string(kMaxHeaderBytes) +
                           " bytes; not a PCD file");
    }
    ++lineNo;
    std::size_t end = text.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = next;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> tokens = splitTokens(line);
    if (tokens.empty() || tokens[0].starts_with('#')) continue;
    const std::string_view key = tokens[0];
    const std::span<const std::string_view> values(tokens.begin() + 1, tokens.end());
    auto single = [&](std::optional<std::int64_t>& slot) -> Result<void> {
      if (values.size() != 1)
        return Error::at(name, lineAt(lineNo), std::string(key) + " needs one number");
      slot = parseInteger(values[0]);
      if (!slot)
        return Error::at(
            name, lineAt(lineNo),
            std::string(key) + " value " + shownText(values[0]) + " is not an integer");
      if (*slot < 0)
        return Error::at(name, lineAt(lineNo),
                         std::string(key) + " is negative (" + std::to_string(*slot) + ")");
      return success();
    };
    if (key == "VERSION" || key == "VIEWPOINT") continue;
    if (key == "FIELDS" || key == "COLUMNS") {
      raw.fields.assign(values.begin(), values.end());
      raw.fieldsLine = lineNo;
    } else if (key == "SIZE") {
      raw.sizes.assign(values.begin(), values.end());
      raw.sizesLine = lineNo;
    } else if (key == "TYPE") {
      raw.types.assign(values.begin(), values.end());
      raw.typesLine = lineNo;
    } else if (key == "COUNT") {
      raw.counts.assign(values.begin(), values.end());
      raw.countsLine = lineNo;
    } else if (key == "WIDTH") {
      if (Result<void> r = single(raw.width); !r) return r.error();
      raw.widthLine = lineNo;
    } else if (key == "HEIGHT") {
      if (Result<void> r = single(raw.height); !r) return r.error();
    } else if (key == "POINTS") {
      if (Result<void> r = single(raw.points); !r) return r.error();
      raw.pointsLine = lineNo;
    } else if (key == "DATA") {
      const std::string_view kind = values.empty() ? std::string_view{} : values[0];
      if (kind == "ascii") {
        header.encoding = PcdEncoding::Ascii;
      } else if (kind == "binary") {
        header.encoding = PcdEncoding::Binary;
      } else if (kind == "binary_compressed") {
        header.encoding = PcdEncoding::BinaryCompressed;
      } else {
        return Error::at(name, lineAt(lineNo),
                         "unknown DATA encoding " + shownText(kind) +
                             " (expected ascii, binary or binary_compressed)");
      }
      sawData = true;
      header.dataOffset = pos;
      header.dataLine = lineNo + 1;
    } else {
      return Error::at(name, lineAt(lineNo),
                       "unknown header key " + shownText(key) + "; not a PCD v0.7 header");
    }
  }
  if (!sawData)
    return Error::at(name, lineAt(lineNo),
                     "header ends without a DATA line (truncated or not PCD)");

  // Fields: SIZE and TYPE are required and must match FIELDS one to one.
  const std::size_t n = raw.fields.size();
  if (n == 0) return Error::inFile(name, "header has no FIELDS line");
  if (n > 4096) return Error::at(name, lineAt(raw.fieldsLine), "more than 4096 FIELDS");
  if (raw.sizes.size() != n) {
    return Error::at(name, lineAt(raw.sizesLine),
                     "SIZE lists " + std::to_string(raw.sizes.size()) + " values for " +
                         std::to_string(n) + " FIELDS");
  }
  if (raw.types.size() != n) {
    return Error::at(name, lineAt(raw.typesLine),
                     "TYPE lists " + std::to_string(raw.types.size()) + " values for " +
                         std::to_string(n) + " FIELDS");
  }
  if (!raw.counts.empty() && raw.counts.size() != n) {
    return Error::at(name, lineAt(raw.countsLine),
                     "COUNT lists " + std::to_string(raw.counts.size()) + " values for " +
                         std::to_string(n) + " FIELDS");
  }
  std::size_t offset = 0;
  for (std::size_t i = 0; i < n; ++i) {
    PcdField field;
    field.name = std::string(raw.fields[i]);
    const std::optional<std::int64_t> size = parseInteger(raw.sizes[i]);
    if (!size) {
      return Error::at(name, lineAt(raw.sizesLine),
                       "SIZE " + shownText(raw.sizes[i]) + " of field " + shownText(field.name) +
                           " is not an integer");
    }
    const std::optional<ScalarType> type = scalarType(raw.types[i], *size);
    if (!type) {
      return Error::at(name, lineAt(raw.typesLine),
                       "field " + shownText(field.name) + " has TYPE " + shownText(raw.types[i]) +
                           " with SIZE " + std::to_string(*size) + ", which PCD does not define");
    }
    field.type = *type;
    if (!raw.counts.empty()) {
      const std::optional<std::int64_t> count = parseInteger(raw.counts[i]);
      if (!count || *count < 0 || static_cast<std::uint64_t>(*count) > kMaxPcdValuesPerPoint) {
        return Error::at(name, lineAt(raw.countsLine),
                         "COUNT " + shownText(raw.counts[i]) + " of field " +
                             shownText(field.name) + " is not an integer in 0.." +
                             std::to_string(kMaxPcdValuesPerPoint));
      }
      field.count = static_cast<std::size_t>(*count);
      if (field.count == 0 && !field.isPadding()) {
        warnings.push_back(
            warningFor(name, "field " + shownText(field.name) + " has COUNT 0; it holds no data"));
      }
    }
    field.offset = offset;
    offset += field.bytes();
    header.valuesPerPoint += field.count;
    if (offset > kMaxPcdStride || header.valuesPerPoint > kMaxPcdValuesPerPoint) {
      return Error::at(name, lineAt(raw.countsLine),
                       "records of more than " + std::to_string(kMaxPcdStride) + " bytes or " +
                           std::to_string(kMaxPcdValuesPerPoint) + " values are not supported");
    }
    header.fields.push_back(std::move(field));
  }
  header.stride = offset;

  // Point count: POINTS must equal WIDTH × HEIGHT; either may be implied.
  if (!raw.width && !raw.points) return Error::inFile(name, "header has neither WIDTH nor POINTS");
  const auto height = static_cast<std::uint64_t>(raw.height.value_or(1));
  std::uint64_t points = 0;
  if (raw.width) {
    const auto width = static_cast<std::uint64_t>(*raw.width);
    if (__builtin_mul_overflow(width, height, &points)) {
      return Error::at(name, lineAt(raw.widthLine), "WIDTH × HEIGHT overflows");
    }
    if (raw.points && static_cast<std::uint64_t>(*raw.points) != points) {
      return Error::at(name, lineAt(raw.pointsLine),
                       "POINTS " + std::to_string(*raw.points) +
                           " differs from WIDTH × HEIGHT = " + std::to_string(points));
    }
    header.width = static_cast<std::size_t>(width);
    header.height = static_cast<std::size_t>(height);
  } else {
    points = static_cast<std::uint64_t>(*raw.points);
    header.width = static_cast<std::size_t>(points);
    header.height = 1;
  }
  if (points > options.maxPoints) {
    return Error::at(name, lineAt(raw.pointsLine ? raw.pointsLine : raw.widthLine),
                     "claims " + std::to_string(points) + " points, more than the limit of " +
                         std::to_string(options.maxPoints));
  }
  header.points = static_cast<std::size_t>(points);
  if (header.points > 0 && header.stride == 0)
    return Error::inFile(name, "records have zero bytes (all COUNT 0)");
  return header;
}

}  // namespace fuselabel::pointcloud_detail

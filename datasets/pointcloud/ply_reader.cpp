#include "datasets/pointcloud/ply_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "datasets/pointcloud/cloud_assembly.hpp"
#include "datasets/pointcloud/text_tokens.hpp"

namespace fuselabel::pointcloud_detail {
namespace {

constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;
constexpr std::size_t kMaxProperties = 4096;

struct PlyProperty {
  std::string name;
  ScalarType type = ScalarType::F32;  ///< Item type for lists.
  bool isList = false;
  ScalarType countType = ScalarType::U8;  ///< Lists only.
};

struct PlyElement {
  std::string name;
  std::uint64_t count = 0;
  std::vector<PlyProperty> properties;
  std::size_t line = 0;

  [[nodiscard]] bool hasLists() const {
    for (const PlyProperty& p : properties) {
      if (p.isList) return true;
    }
    return false;
  }
  /// Bytes of one binary instance; meaningful only without lists.
  [[nodiscard]] std::size_t fixedStride() const {
    std::size_t s = 0;
    for (const PlyProperty& p : properties)
      s += scalarSize(p.type);
    return s;
  }
};

enum class PlyFormat { Ascii, Little, Big };

struct PlyHeader {
  PlyFormat format = PlyFormat::Ascii;
  std::vector<PlyElement> elements;
  std::size_t dataOffset = 0;
  std::size_t dataLine = 0;
};

std::optional<ScalarType> plyType(std::string_view t) {
  if (t == "char" || t == "int8") return ScalarType::I8;
  if (t == "uchar" || t == "uint8") return ScalarType::U8;
  if (t == "short" || t == "int16") return ScalarType::I16;
  if (t == "ushort" || t == "uint16") return ScalarType::U16;
  if (t == "int" || t == "int32") return ScalarType::I32;
  if (t == "uint" || t == "uint32") return ScalarType::U32;
  if (t == "float" || t == "float32") return ScalarType::F32;
  if (t == "double" || t == "float64") return ScalarType::F64;
  return std::nullopt;
}

std::string shownText(std::string_view text) {
  std::string out = "'";
  for (std::size_t i = 0; i < text.size() && i < 40; ++i) {
    const char c = text[i];
    out += (c >= 32 && c < 127) ? c : '?';
  }
  if (text.size() > 40) out += "...";
  return out + "'";
}

std::string byteAt(std::size_t offset) {
  return "byte offset " + std::to_string(offset);
}

Result<PlyHeader> parseHeader(std::string_view text, std::string_view name) {
  PlyHeader header;
  std::size_t pos = 0;
  std::size_t lineNo = 0;
  bool sawFormat = false;
  while (true) {
    if (pos >= text.size())
      return Error::at(name, lineAt(lineNo), "header ends without end_header (truncated)");
    if (pos > kMaxHeaderBytes)
      return Error::at(name, lineAt(lineNo), "no end_header in the first 1 MiB");
    ++lineNo;
    std::size_t end = text.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = next;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::vector<std::string_view> t = splitTokens(line);
    if (lineNo == 1) {
      if (t.size() != 1 || t[0] != "ply")
        return Error::at(name, lineAt(1), "does not start with 'ply'; not a PLY file");
      continue;
    }
    if (t.empty() || t[0] == "comment" || t[0] == "obj_info") continue;
    if (t[0] == "format") {
      if (t.size() < 2) return Error::at(name, lineAt(lineNo), "format line without a format");
      if (t[1] == "ascii") {
        header.format = PlyFormat::Ascii;
      } else if (t[1] == "binary_little_endian") {
        header.format = PlyFormat::Little;
      } else if (t[1] == "binary_big_endian") {
        header.format = PlyFormat::Big;
      } else {
        return Error::at(name, lineAt(lineNo), "unknown format " + shownText(t[1]));
      }
      sawFormat = true;
    } else if (t[0] == "element") {
      if (t.size() != 3)
        return Error::at(name, lineAt(lineNo), "element line needs a name and a count");
      PlyElement element;
      element.name = std::string(t[1]);
      element.line = lineNo;
      const auto [p, ec] = std::from_chars(t[2].data(), t[2].data() + t[2].size(), element.count);
      if (ec != std::errc{} || p != t[2].data() + t[2].size()) {
        return Error::at(name, lineAt(lineNo),
                         "element count " + shownText(t[2]) + " is not a non-negative integer");
      }
      header.elements.push_back(std::move(element));
    } else if (t[0] == "property") {
      if (header.elements.empty())
        return Error::at(name, lineAt(lineNo), "property before any element");
      PlyElement& element = header.elements.back();
      if (element.properties.size() >= kMaxProperties)
        return Error::at(name, lineAt(lineNo), "too many properties");
      PlyProperty property;
      if (t.size() == 5 && t[1] == "list") {
        const std::optional<ScalarType> countType = plyType(t[2]);
        const std::optional<ScalarType> itemType = plyType(t[3]);
        if (!countType || !itemType || isFloat(*countType)) {
          return Error::at(name, lineAt(lineNo),
                           "bad list types " + shownText(t[2]) + " " + shownText(t[3]));
        }
        property = PlyProperty{std::string(t[4]), *itemType, true, *countType};
      } else if (t.size() == 3) {
        const std::optional<ScalarType> type = plyType(t[1]);
        if (!type)
          return Error::at(name, lineAt(lineNo), "unknown property type " + shownText(t[1]));
        property = PlyProperty{std::string(t[2]), *type, false, ScalarType::U8};
      } else {
        return Error::at(name, lineAt(lineNo), "malformed property line");
      }
      element.properties.push_back(std::move(property));
    } else if (t[0] == "end_header") {
      if (!sawFormat) return Error::at(name, lineAt(lineNo), "header has no format line");
      header.dataOffset = pos;
      header.dataLine = lineNo + 1;
      return header;
    } else {
      return Error::at(name, lineAt(lineNo), "unknown header keyword " + shownText(t[0]));
    }
  }
}

/// Reads whitespace-separated ascii tokens, counting lines for messages.
class AsciiTokens {
 public:
  AsciiTokens(const char* first, const char* last, std::size_t line)
      : m_p(first), m_end(last), m_line(line) {}

  /// The next token, or an empty view at the end of the data.
  std::string_view next() {
    while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\r' || *m_p == '\n')) {
      if (*m_p == '\n') ++m_line;
      ++m_p;
    }
    const char* start = m_p;
    while (m_p < m_end && *m_p != ' ' && *m_p != '\t' && *m_p != '\r' && *m_p != '\n')
      ++m_p;
    return {start, static_cast<std::size_t>(m_p - start)};
  }
  [[nodiscard]] std::size_t line() const { return m_line; }
  /// Characters left.
  [[nodiscard]] std::size_t remaining() const { return static_cast<std::size_t>(m_end - m_p); }

 private:
  const char* m_p;
  const char* m_end;
  std::size_t m_line;
};

/// Parses `token` as `type` and stores it little-endian at `out`.
bool parseAsciiValue(std::string_view token, ScalarType type, std::byte* out) {
  const char* first = token.data();
  const char* last = first + token.size();
  if (first != last && *first == '+') ++first;
  bool ok = false;
  auto store = [&]<class T>(T) {
    T value{};
    const auto [end, ec] = std::from_chars(first, last, value);
    ok = ec == std::errc{} && end == last;
    std::memcpy(out, &value, sizeof value);
  };
  switch (type) {
    case ScalarType::I8:
      store(std::int8_t{});
      break;
    case ScalarType::U8:
      store(std::uint8_t{});
      break;
    case ScalarType::I16:
      store(std::int16_t{});
      break;
    case ScalarType::U16:
      store(std::uint16_t{});
      break;
    case ScalarType::I32:
      store(std::int32_t{});
      break;
    case ScalarType::U32:
      store(std::uint32_t{});
      break;
    case ScalarType::I64:
      store(std::int64_t{});
      break;
    case ScalarType::U64:
      store(std::uint64_t{});
      break;
    case ScalarType::F32:
      store(float{});
      break;
    case ScalarType::F64:
      store(double{});
      break;
  }
  return ok;
}

/// A list length read from the file: non-negative and at most `limit`.
std::optional<std::uint64_t> listLength(double raw, std::uint64_t limit) {
  if (!(raw >= 0.0) || raw > static_cast<double>(limit)) return std::nullopt;
  return static_cast<std::uint64_t>(raw);
}

/// Vertices, packed as little-endian records of the scalar properties.
struct PackedVertices {
  std::vector<std::byte> bytes;
  std::vector<std::size_t> offsets;  ///< Per property; lists are skipped.
  std::size_t stride = 0;
};

std::size_t packedLayout(const PlyElement& element, std::vector<std::size_t>& offsets) {
  std::size_t stride = 0;
  offsets.clear();
  for (const PlyProperty& p : element.properties) {
    offsets.push_back(stride);
    if (!p.isList) stride += scalarSize(p.type);
  }
  return stride;
}

class PlyParser {
 public:
  PlyParser(std::span<const std::byte> bytes, const PlyHeader& header,
            const PointCloudReadOptions& options, std::string_view name)
      : m_bytes(bytes),
        m_header(header),
        m_options(options),
        m_name(name),
        m_pos(header.dataOffset),
        m_ascii(reinterpret_cast<const char*>(bytes.data()) + header.dataOffset,
                reinterpret_cast<const char*>(bytes.data()) + bytes.size(), header.dataLine) {}

  Result<PointCloudFile> run() {
    for (const PlyElement& element : m_header.elements) {
      if (element.name == "vertex") return readVertices(element);
      if (Result<void> r = skipElement(element); !r) return r.error();
    }
    return Error::inFile(m_name, "has no vertex element");
  }

 private:
  bool binary() const { return m_header.format != PlyFormat::Ascii; }
  bool big() const { return m_header.format == PlyFormat::Big; }
  std::size_t remaining() const { return m_bytes.size() - m_pos; }

  Error truncated(const PlyElement& element, std::uint64_t index) const {
    if (binary()) {
      return Error::at(m_name, byteAt(m_pos),
                       "data ends inside " + shownText(element.name) + " " + std::to_string(index) +
                           " of " + std::to_string(element.count));
    }
    return Error::at(m_name, lineAt(m_ascii.line()),
                     "data ends inside " + shownText(element.name) + " " + std::to_string(index) +
                         " of " + std::to_string(element.count));
  }

  /// Reads one list length (binary or ascii); nullopt on a bad or missing value.
  std::optional<std::uint64_t> readListLength(const PlyProperty& p) {
    double raw = -1.0;
    if (binary()) {
      const std::size_t size = scalarSize(p.countType);
      if (remaining() < size) return std::nullopt;
      raw = loadAsDouble(m_bytes.data() + m_pos, p.countType, big());
      m_pos += size;
    } else {
      std::byte value[8];
      const std::string_view token = m_ascii.next();
      if (token.empty() || !parseAsciiValue(token, p.countType, value)) return std::nullopt;
      raw = loadAsDouble(value, p.countType, false);
    }
    return listLength(raw, m_bytes.size());
  }

  /// Moves past one instance; `packed` (if not null) receives its scalars.
  Result<void> walkInstance(const PlyElement& element, std::uint64_t index, std::byte* packed,
                            const std::vector<std::size_t>& offsets) {
    for (std::size_t k = 0; k < element.properties.size(); ++k) {
      const PlyProperty& p = element.properties[k];
      if (p.isList) {
        const std::optional<std::uint64_t> length = readListLength(p);
        if (!length) return truncated(element, index);
        if (binary()) {
          const std::uint64_t bytes = *length * scalarSize(p.type);
          if (bytes > remaining()) return truncated(element, index);
          m_pos += static_cast<std::size_t>(bytes);
        } else {
          for (std::uint64_t j = 0; j < *length; ++j) {
            if (m_ascii.next().empty()) return truncated(element, index);
          }
        }
        continue;
      }
      const std::size_t size = scalarSize(p.type);
      if (binary()) {
        if (remaining() < size) return truncated(element, index);
        if (packed != nullptr) {
          std::memcpy(packed + offsets[k], m_bytes.data() + m_pos, size);
          if (big()) std::reverse(packed + offsets[k], packed + offsets[k] + size);
        }
        m_pos += size;
      } else {
        const std::string_view token = m_ascii.next();
        if (token.empty()) return truncated(element, index);
        std::byte scratch[8];
        if (!parseAsciiValue(token, p.type, packed != nullptr ? packed + offsets[k] : scratch)) {
          return Error::at(
              m_name, lineAt(m_ascii.line()),
              "value " + shownText(token) + " of " + shownText(p.name) + " is not a valid number");
        }
      }
    }
    return success();
  }

  Result<void> skipElement(const PlyElement& element) {
    if (element.properties.empty() || element.count == 0) return success();
    if (binary() && !element.hasLists()) {
      const std::size_t stride = element.fixedStride();
      if (element.count > remaining() / stride) return truncated(element, remaining() / stride);
      m_pos += static_cast<std::size_t>(element.count) * stride;
      return success();
    }
    // Each instance consumes at least one byte, so this loop ends with the data.
    const std::vector<std::size_t> none;
    for (std::uint64_t i = 0; i < element.count; ++i) {
      if (Result<void> r = walkInstance(element, i, nullptr, none); !r) return r;
    }
    return success();
  }

  Result<PointCloudFile> readVertices(const PlyElement& element) {
    const std::uint64_t count = element.count;
    if (count > m_options.maxPoints) {
      return Error::at(m_name, lineAt(element.line),
                       "claims " + std::to_string(count) + " vertices, more than the limit of " +
                           std::to_string(m_options.maxPoints));
    }
    if (element.properties.empty())
      return Error::at(m_name, lineAt(element.line), "vertex has no properties");
    PackedVertices packed;
    packed.stride = packedLayout(element, packed.offsets);
    const std::byte* base = nullptr;
    std::size_t stride = packed.stride;
    bool bigEndian = false;
    if (binary() && !element.hasLists()) {
      // Fast path: read the values in place.
      if (count > remaining() / stride) return truncated(element, remaining() / stride);
      base = m_bytes.data() + m_pos;
      bigEndian = big();
    } else {
      // Every vertex takes at least one byte (binary) or two characters
      // (ascii), so this bound keeps the allocation within the file's size.
      const std::uint64_t minBytes = binary() ? 1 : 2 * element.properties.size();
      const std::size_t left = binary() ? remaining() : m_ascii.remaining();
      if (count > left / minBytes + 1) return truncated(element, left / minBytes);
      // At least one record, so column bases point into the buffer even for
      // an empty element (offsetting a null pointer is undefined).
      packed.bytes.resize(static_cast<std::size_t>(std::max<std::uint64_t>(count, 1)) * stride);
      for (std::uint64_t i = 0; i < count; ++i) {
        if (Result<void> r =
                walkInstance(element, i, packed.bytes.data() + i * stride, packed.offsets);
            !r) {
          return r.error();
        }
      }
      base = packed.bytes.data();
    }
    ChannelSources sources;
    for (std::size_t k = 0; k < element.properties.size(); ++k) {
      const PlyProperty& p = element.properties[k];
      if (p.isList) continue;
      std::optional<ColumnSource>* slot = sources.slot(channelForName(p.name));
      if (slot == nullptr || slot->has_value()) continue;
      *slot = ColumnSource{base + packed.offsets[k], stride, p.type, bigEndian};
    }
    PointCloudFile out;
    if (Result<void> r =
            assembleCloud(sources, static_cast<std::size_t>(count), m_options, m_name, out);
        !r) {
      return r.error();
    }
    out.width = out.cloud.size();
    return out;
  }

  std::span<const std::byte> m_bytes;
  const PlyHeader& m_header;
  const PointCloudReadOptions& m_options;
  std::string_view m_name;
  std::size_t m_pos;
  AsciiTokens m_ascii;
};

}  // namespace

Result<PointCloudFile> parsePly(std::span<const std::byte> bytes,
                                const PointCloudReadOptions& options, std::string_view name) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  Result<PlyHeader> header = parseHeader(text, name);
  if (!header) return header.error();
  return PlyParser(bytes, *header, options, name).run();
}

}  // namespace fuselabel::pointcloud_detail

#include "core/annotation/json_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace fuselabel::json {

void appendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto res = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, res.ptr);
}

void appendInt(std::string& out, std::int64_t value) {
  char buffer[24];
  const auto res = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out.append(buffer, res.ptr);
}

void appendString(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[(c >> 4) & 0xf];
          out += kHex[c & 0xf];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// ---------------------------------------------------------------- Cursor --

char Cursor::peekKind() {
  skipSpace();
  if (m_pos >= m_text.size()) return 0;
  const char c = m_text[m_pos];
  switch (c) {
    case '{':
    case '[':
    case '"':
    case 't':
    case 'f':
      return c;
    case 'n':
      return 'z';
    default:
      return (c == '-' || (c >= '0' && c <= '9')) ? 'n' : '?';
  }
}

void Cursor::expect(char c) {
  skipSpace();
  if (m_pos >= m_text.size()) fail(std::string("unexpected end of file, expected '") + c + "'");
  if (m_text[m_pos] != c) fail(std::string("expected '") + c + "', found '" + m_text[m_pos] + "'");
  ++m_pos;
}

bool Cursor::consumeIf(char c) {
  skipSpace();
  if (m_pos < m_text.size() && m_text[m_pos] == c) {
    ++m_pos;
    return true;
  }
  return false;
}

std::string_view Cursor::key() {
  skipSpace();
  if (m_pos >= m_text.size() || m_text[m_pos] != '"') fail("expected a member name");
  const std::size_t start = m_pos + 1;
  const std::size_t end = m_text.find_first_of("\"\\", start);
  if (end != std::string_view::npos && m_text[end] == '"') {
    m_pos = end + 1;
    return m_text.substr(start, end - start);
  }
  m_ownedKeys.push_back(string());
  return m_ownedKeys.back();
}

double Cursor::number() {
  const char kind = peekKind();
  if (kind == 'z') {
    if (m_text.substr(m_pos, 4) != "null") fail("expected a number");
    m_pos += 4;
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (kind != 'n') fail("expected a number");
  double value = 0.0;
  const char* first = m_text.data() + m_pos;
  const auto res = std::from_chars(first, m_text.data() + m_text.size(), value);
  if (res.ec == std::errc::result_out_of_range) fail("number out of range");
  if (res.ec != std::errc{}) fail("expected a number");
  m_pos += static_cast<std::size_t>(res.ptr - first);
  return value;
}

std::int64_t Cursor::integer() {
  if (peekKind() != 'n') fail("expected an integer");
  std::int64_t value = 0;
  const char* first = m_text.data() + m_pos;
  const char* last = m_text.data() + m_text.size();
  const auto res = std::from_chars(first, last, value);
  if (res.ec != std::errc{} ||
      (res.ptr < last && (*res.ptr == '.' || *res.ptr == 'e' || *res.ptr == 'E'))) {
    fail("expected an integer");
  }
  m_pos += static_cast<std::size_t>(res.ptr - first);
  return value;
}

bool Cursor::boolean() {
  const char kind = peekKind();
  if (kind == 't' && m_text.substr(m_pos, 4) == "true") {
    m_pos += 4;
    return true;
  }
  if (kind == 'f' && m_text.substr(m_pos, 5) == "false") {
    m_pos += 5;
    return false;
  }
  fail("expected true or false");
}

std::string Cursor::string() {
  expect('"');
  std::string out;
  while (true) {
    const std::size_t stop = m_text.find_first_of("\"\\", m_pos);
    if (stop == std::string_view::npos) fail("unterminated string");
    out.append(m_text.substr(m_pos, stop - m_pos));
    m_pos = stop + 1;
    if (m_text[stop] == '"') return out;
    if (m_pos >= m_text.size()) fail("unterminated string");
    const char e = m_text[m_pos++];
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        const auto hex4 = [this]() {
          if (m_pos + 4 > m_text.size()) fail("truncated \\u escape");
          unsigned value = 0;
          const auto res =
              std::from_chars(m_text.data() + m_pos, m_text.data() + m_pos + 4, value, 16);
          if (res.ec != std::errc{} || res.ptr != m_text.data() + m_pos + 4) fail("bad \\u escape");
          m_pos += 4;
          return value;
        };
        unsigned cp = hex4();
        if (cp >= 0xd800 && cp < 0xdc00 && m_text.substr(m_pos, 2) == "\\u") {
          m_pos += 2;
          const unsigned low = hex4();
          if (low < 0xdc00 || low >= 0xe000) fail("bad surrogate pair");
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        }
        // UTF-8 encode.
        if (cp < 0x80) {
          out += static_cast<char>(cp);
        } else if (cp < 0x800) {
          out += static_cast<char>(0xc0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
          out += static_cast<char>(0xe0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
          out += static_cast<char>(0x80 | (cp & 0x3f));
        } else {
          out += static_cast<char>(0xf0 | (cp >> 18));
          out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
          out += static_cast<char>(0x80 | (cp & 0x3f));
        }
        break;
      }
      default:
        fail("bad escape in string");
    }
  }
}

void Cursor::skip() {
  switch (peekKind()) {
    case '{':
      forEachMember([this](std::string_view) { skip(); });
      break;
    case '[':
      forEachElement([this](std::size_t) { skip(); });
      break;
    case '"':
      (void)string();
      break;
    case 'n':
    case 'z':
      (void)number();
      break;
    case 't':
    case 'f':
      (void)boolean();
      break;
    case 0:
      fail("unexpected end of file");
    default:
      fail("unexpected character");
  }
}

void Cursor::expectEnd() {
  skipSpace();
  if (m_pos != m_text.size()) fail("unexpected content after the end of the document");
}

void Cursor::fail(std::string_view what) const {
  throw ParseFailure{m_pos, currentPath(), std::string(what)};
}

std::size_t Cursor::lineOf(std::size_t at) const {
  at = std::min(at, m_text.size());
  return 1 + static_cast<std::size_t>(std::count(
                 m_text.begin(), m_text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

std::string Cursor::currentPath() const {
  std::string path;
  for (const Segment& s : m_path) {
    path += '/';
    if (s.isIndex) {
      path += std::to_string(s.index);
    } else {
      path += s.key;
    }
  }
  return path.empty() ? "/" : path;
}

}  // namespace fuselabel::json

#pragma once
// Internal: the fast JSON writer helpers and pull reader used by the native
// label file and the journal. nlohmann::json builds a tree of heap nodes,
// which for a 400k-instance document costs seconds; these work directly on
// the text (std::to_chars / std::from_chars) and keep the JSON path for
// error messages.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace fuselabel::json {

/// Appends `value` in shortest round-trip form; non-finite values become null
/// (JSON has no NaN), which the reader turns back into NaN.
void appendNumber(std::string& out, double value);
/// Appends an integer.
void appendInt(std::string& out, std::int64_t value);
/// Appends `text` as a quoted JSON string with the required escapes.
void appendString(std::string& out, std::string_view text);

/// Thrown inside the reader and caught by its callers at the file boundary;
/// never leaves the library.
struct ParseFailure {
  std::size_t offset = 0;  ///< byte offset of the problem
  std::string path;        ///< JSON pointer of the value being read
  std::string what;        ///< what was wrong
};

/// A pull reader over JSON text: the caller walks the structure it expects
/// and the reader throws ParseFailure (with line and JSON path) on anything
/// else.
class Cursor {
 public:
  /// Reads `text`, which must outlive the cursor.
  explicit Cursor(std::string_view text) : m_text(text) {}

  /// Kind of the next value: '{', '[', '"', 'n' (number), 't'/'f' (bool), 'z' (null), 0 at the end.
  [[nodiscard]] char peekKind();
  /// Calls `f(key)` for each member of the object at the cursor; `f` must consume the value.
  template <class F>
  void forEachMember(F&& f);
  /// Calls `f(index)` for each element of the array at the cursor; `f` must consume the element.
  template <class F>
  void forEachElement(F&& f);
  /// A number (null reads as NaN).
  double number();
  /// An integral number that fits an int64.
  std::int64_t integer();
  /// true or false.
  bool boolean();
  /// A string, unescaped.
  std::string string();
  /// Skips any value.
  void skip();
  /// Requires that only whitespace remains.
  void expectEnd();
  /// Throws a ParseFailure at the current position.
  [[noreturn]] void fail(std::string_view what) const;
  /// Line number (1-based) of a byte offset, for messages.
  [[nodiscard]] std::size_t lineOf(std::size_t offset) const;
  /// Current byte offset.
  [[nodiscard]] std::size_t offset() const noexcept { return m_pos; }

 private:
  struct Segment {
    std::string_view key;
    std::size_t index = 0;
    bool isIndex = false;
  };

  void skipSpace() noexcept {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' ||
                                     m_text[m_pos] == '\r' || m_text[m_pos] == '\t')) {
      ++m_pos;
    }
  }
  void expect(char c);
  bool consumeIf(char c);
  std::string_view key();  // a member key; escaped keys are decoded into m_ownedKeys
  std::string currentPath() const;

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::vector<Segment> m_path;
  std::deque<std::string> m_ownedKeys;  // deque: path segments point into it
};

template <class F>
void Cursor::forEachMember(F&& f) {
  expect('{');
  if (consumeIf('}')) return;
  m_path.push_back({});
  do {
    const std::string_view k = key();
    expect(':');
    m_path.back().key = k;
    f(k);
  } while (consumeIf(','));
  expect('}');
  m_path.pop_back();
}

template <class F>
void Cursor::forEachElement(F&& f) {
  expect('[');
  if (consumeIf(']')) return;
  m_path.push_back({{}, 0, true});
  std::size_t index = 0;
  do {
    m_path.back().index = index;
    f(index++);
  } while (consumeIf(','));
  expect(']');
  m_path.pop_back();
}

}  // namespace fuselabel::json

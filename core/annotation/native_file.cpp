#include "core/annotation/native_file.hpp"

#include <charconv>
#include <fstream>

#include "core/annotation/atomic_file.hpp"
#include "core/annotation/native_codec.hpp"
#include "core/io/text_file.hpp"

namespace fuselabel {

std::string encodeNativeLabels(const Document& document) {
  return encodeDocument(document);
}

std::optional<std::int64_t> peekNativeVersion(std::string_view text) {
  // Our writer puts the version first; other writers may reorder keys (a
  // sorted dump puts a long "frame_timestamps_ns" before it), so look through
  // all of the text given. The key occurs nowhere else in a native file.
  constexpr std::string_view kKey = "\"fuselabel_labels\"";
  const std::size_t at = text.find(kKey);
  if (at == std::string_view::npos) return std::nullopt;
  std::size_t pos = at + kKey.size();
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == ':' || text[pos] == '\n' ||
                               text[pos] == '\t' || text[pos] == '\r')) {
    ++pos;
  }
  std::int64_t version = 0;
  const auto res = std::from_chars(text.data() + pos, text.data() + text.size(), version);
  if (res.ec != std::errc{}) return std::nullopt;
  return version;
}

Result<Document> decodeNativeLabels(std::string_view text, std::string_view sourceName) {
  // The version decides how to read everything else, so check it before
  // parsing: a newer file must say "newer", not "unexpected key".
  if (const auto version = peekNativeVersion(text); version && *version > kNativeLabelsVersion) {
    return Error::inFile(sourceName, "written by a newer fuselabel (format version " +
                                         std::to_string(*version) + ", this build reads up to " +
                                         std::to_string(kNativeLabelsVersion) +
                                         "); update fuselabel to open it");
  }
  return decodeDocument(text, sourceName);
}

Result<void> saveDocument(const Document& document, const std::filesystem::path& path,
                          SaveOptions options) {
  if (!options.overwriteNewerVersion) {
    std::ifstream existing(path, std::ios::binary);
    if (existing) {
      std::string head(4096, '\0');
      existing.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(existing.gcount()));
      if (const auto version = peekNativeVersion(head);
          version && *version > kNativeLabelsVersion) {
        return Error::inFile(
            path.string(), "not overwriting a file written by a newer fuselabel (format version " +
                               std::to_string(*version) + ")");
      }
    }
  }
  const std::string text = encodeDocument(document);
  return writeFileAtomically(path, text, AtomicWriteOptions{options.sync});
}

Result<Document> loadDocument(const std::filesystem::path& path) {
  Result<std::string> text = readTextFile(path);
  if (!text) return text.error();
  return decodeNativeLabels(*text, path.string());
}

}  // namespace fuselabel

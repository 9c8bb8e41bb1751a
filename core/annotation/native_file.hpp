#pragma once
// The native label file: versioned JSON ("fuselabel_labels": 1), documented
// in docs/native_labels.md, saved atomically.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/annotation/document.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// Options of saveDocument.
struct SaveOptions {
  /// fsync file and folder (see AtomicWriteOptions); on except in benchmarks.
  bool sync = true;
  /// Replace a file written by a newer fuselabel. Off: such a file is refused
  /// so an old build never destroys what it could not read.
  bool overwriteNewerVersion = false;
};

/// The native JSON text of `document` (what saveDocument writes).
[[nodiscard]] std::string encodeNativeLabels(const Document& document);

/// Parses native JSON text; `sourceName` names it in errors. A newer format
/// version or a damaged file gives an error naming the line and JSON path.
[[nodiscard]] Result<Document> decodeNativeLabels(std::string_view text,
                                                  std::string_view sourceName);

/// Saves `document` to `path` atomically: the file holds either the previous
/// content or the new one at every instant.
Result<void> saveDocument(const Document& document, const std::filesystem::path& path,
                          SaveOptions options = {});

/// Loads a native label file. Never writes anything: a file that fails to
/// load stays exactly as it is.
[[nodiscard]] Result<Document> loadDocument(const std::filesystem::path& path);

/// The "fuselabel_labels" version near the start of `text`, or nullopt when
/// there is none; a cheap look without parsing the whole file.
[[nodiscard]] std::optional<std::int64_t> peekNativeVersion(std::string_view text);

}  // namespace fuselabel

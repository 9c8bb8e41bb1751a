#pragma once
// Internal: the JSON encoding of documents and tracks shared by the native
// label file and the journal (format in docs/native_labels.md).

#include <string>
#include <string_view>

#include "core/annotation/document.hpp"
#include "core/annotation/json_text.hpp"
#include "core/util/result.hpp"

namespace fuselabel {

/// Version written in "fuselabel_labels"; files with a larger one are refused.
inline constexpr int kNativeLabelsVersion = 1;

/// Appends one object (with its instances) as a JSON object; `indent`
/// prefixes each line so the file diffs one instance per line.
void appendTrackJson(std::string& out, const Track& track, std::string_view indent);
/// Appends a DocumentInfo's members ("schema", "dataset", "frame_timestamps_ns") without braces.
void appendInfoMembers(std::string& out, const DocumentInfo& info, std::string_view indent);
/// The whole document as native JSON text.
[[nodiscard]] std::string encodeDocument(const Document& document);

/// Reads one object JSON written by appendTrackJson; throws json::ParseFailure.
[[nodiscard]] Track readTrackJson(json::Cursor& cursor);
/// Reads one of the info members by key; returns false for keys it does not own.
bool readInfoMember(json::Cursor& cursor, std::string_view key, DocumentInfo& info);
/// Parses native JSON text; errors name `sourceName`, the line and JSON path.
[[nodiscard]] Result<Document> decodeDocument(std::string_view text, std::string_view sourceName);

}  // namespace fuselabel

#pragma once
// Internal: the text of schemas/driving.json, compiled in by
// core/annotation/embed_text.cmake so the tool works without finding the file.

#include <string_view>

namespace fuselabel {

/// Bytes of schemas/driving.json as of the build.
[[nodiscard]] std::string_view embeddedDrivingSchemaJson() noexcept;

}  // namespace fuselabel

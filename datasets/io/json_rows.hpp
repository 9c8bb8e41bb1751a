#pragma once
// Reading a table that is one JSON array of rows (nuScenes' tables) while
// keeping only the rows wanted: the full nuScenes sample_data table is over a
// gigabyte, and one scene needs a few thousand of its rows. For use inside
// datasets/ .cpp files.

#include <nlohmann/json.hpp>

#include <functional>
#include <string_view>

#include "core/util/result.hpp"

namespace fuselabel {

/// Decides, once a row is complete, whether it is kept.
using JsonRowFilter = std::function<bool(const nlohmann::json& row)>;

/// Parses `text`, which must be a JSON array, into an array of the rows
/// `keep` accepts (all rows when `keep` is empty). Rows are built one at a
/// time and dropped as soon as they are refused. Errors name `name` and the
/// byte offset.
Result<nlohmann::json> parseJsonRows(std::string_view text, const JsonRowFilter& keep,
                                     std::string_view name);

}  // namespace fuselabel

#pragma once
// Listing a dataset folder's files by extension in a stable order.

#include <filesystem>
#include <string>
#include <vector>

namespace fuselabel {

/// Regular files in `folder` whose names end in `suffix`, sorted by name; empty if the folder is
/// missing.
std::vector<std::filesystem::path> listFiles(const std::filesystem::path& folder,
                                             const std::string& suffix);

/// The file name without `suffix` (e.g. "000008" from "000008.pcd.bin" with suffix ".pcd.bin").
std::string stemWithout(const std::filesystem::path& file, const std::string& suffix);

}  // namespace fuselabel

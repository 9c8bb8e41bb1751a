#include "datasets/adapters/folder_listing.hpp"

#include <algorithm>

namespace fuselabel {

std::vector<std::filesystem::path> listFiles(const std::filesystem::path& folder,
                                             const std::string& suffix) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(ec) && name.size() > suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string stemWithout(const std::filesystem::path& file, const std::string& suffix) {
  const std::string name = file.filename().string();
  return name.substr(0, name.size() - suffix.size());
}

}  // namespace fuselabel

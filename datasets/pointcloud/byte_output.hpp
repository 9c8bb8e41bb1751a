#pragma once
// Appending text to a file image being built in memory, shared by the
// point cloud writers (PCD, PLY), whose headers are text before binary data.

#include <cstddef>
#include <string_view>
#include <vector>

namespace fuselabel::pointcloud_detail {

inline void appendText(std::vector<std::byte>& out, std::string_view text) {
  const auto* p = reinterpret_cast<const std::byte*>(text.data());
  out.insert(out.end(), p, p + text.size());
}

}  // namespace fuselabel::pointcloud_detail

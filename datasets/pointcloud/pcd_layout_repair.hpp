#pragma once
// Internal: repairing binary PCD headers whose declared field offsets do not
// match the records (padding counts written wrongly by the producer, as in the
// SUSTech SCAPES files). See pcd_layout_repair.cpp for the rule.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "datasets/pointcloud/pcd_header.hpp"

namespace fuselabel::pointcloud_detail {

/// Checks the declared layout of binary `records` (header.points records of
/// header.stride bytes) and, when the rule in the .cpp finds it misplaced,
/// moves the field offsets to the naturally aligned layout. Returns a warning
/// describing the change, or nullopt when the declared layout was kept.
[[nodiscard]] std::optional<std::string> repairPcdLayout(PcdHeader& header,
                                                         std::span<const std::byte> records,
                                                         std::string_view name);

}  // namespace fuselabel::pointcloud_detail

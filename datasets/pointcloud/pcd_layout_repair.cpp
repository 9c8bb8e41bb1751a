#include "datasets/pointcloud/pcd_layout_repair.hpp"

#include <cmath>
#include <vector>

#include "datasets/pointcloud/cloud_assembly.hpp"

// The rule.
//
// Producers write PCD headers from a C struct. Compilers align every member
// to its size, so a float64 at a byte offset that is not a multiple of 8 is a
// sign that the header's padding counts disagree with the struct it came from
// (SUSTech: "_ COUNT 0" before timestamp puts it at @20; the struct has it at
// @24, and ring at @32, not @34). Packed producers exist too (Livox writes
// float64 timestamps at @18), so misalignment alone proves nothing.
//
// So, only when some named field of 2+ bytes sits at an offset that is not a
// multiple of its size, build a second candidate: keep the declared offsets up
// to that field, and from there lay the named fields out in order, each at the
// next offset aligned to its size, ignoring the declared padding after that
// point (the padding is what is wrong). If the candidate fits in the record,
// compare the two on a sample of points, looking only at floating-point fields
// whose offset differs: a value is plausible when it is finite and either 0 or
// 1e-10 <= |v| <= 1e20 (sensor coordinates, intensities, seconds and even
// nanosecond timestamps; misread bytes give denormal-like tiny numbers, huge
// exponents or NaN). Take the candidate only when it is clearly better: at
// least 95% of its sampled values plausible and fewer than half of the
// declared ones. Otherwise keep the header's layout. Integer fields carry no
// signal (any bits are a valid integer) and follow the float evidence.

namespace fuselabel::pointcloud_detail {
namespace {

constexpr std::size_t kSamplePoints = 1024;

bool plausible(double v) {
  if (!std::isfinite(v)) return false;
  const double a = std::fabs(v);
  return a == 0.0 || (a >= 1e-10 && a <= 1e20);
}

std::size_t alignUp(std::size_t value, std::size_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

/// The aligned candidate offsets, or an empty vector when the declared
/// layout has no misaligned named field or the candidate does not fit.
std::vector<std::size_t> alignedCandidate(const PcdHeader& header) {
  std::vector<std::size_t> offsets;
  offsets.reserve(header.fields.size());
  bool trusted = true;
  std::size_t cursor = 0;
  for (const PcdField& field : header.fields) {
    const std::size_t size = scalarSize(field.type);
    if (field.isPadding()) {
      if (trusted) cursor += field.bytes();
      offsets.push_back(field.offset);  // unused for padding
      continue;
    }
    if (trusted && field.count > 0 && size > 1 && field.offset % size != 0) trusted = false;
    const std::size_t at = trusted ? field.offset : alignUp(cursor, size);
    offsets.push_back(at);
    cursor = at + field.bytes();
  }
  if (trusted || cursor > header.stride) return {};
  return offsets;
}

}  // namespace

std::optional<std::string> repairPcdLayout(PcdHeader& header, std::span<const std::byte> records,
                                           std::string_view name) {
  if (header.points == 0) return std::nullopt;
  const std::vector<std::size_t> candidate = alignedCandidate(header);
  if (candidate.empty()) return std::nullopt;

  const std::size_t step = header.points > kSamplePoints ? header.points / kSamplePoints : 1;
  std::size_t compared = 0, declaredGood = 0, candidateGood = 0;
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    const PcdField& field = header.fields[f];
    if (field.isPadding() || field.count == 0 || !isFloat(field.type) ||
        candidate[f] == field.offset)
      continue;
    for (std::size_t i = 0; i < header.points; i += step) {
      const std::byte* record = records.data() + i * header.stride;
      for (std::size_t k = 0; k < field.count; ++k) {
        const std::size_t delta = k * scalarSize(field.type);
        ++compared;
        declaredGood +=
            plausible(loadAsDouble(record + field.offset + delta, field.type, false)) ? 1 : 0;
        candidateGood +=
            plausible(loadAsDouble(record + candidate[f] + delta, field.type, false)) ? 1 : 0;
      }
    }
  }
  if (compared == 0 || candidateGood * 100 < compared * 95 || declaredGood * 2 >= compared)
    return std::nullopt;

  std::string moved;
  for (std::size_t f = 0; f < header.fields.size(); ++f) {
    PcdField& field = header.fields[f];
    if (field.isPadding() || candidate[f] == field.offset) continue;
    if (!moved.empty()) moved += ", ";
    moved += "'" + field.name + "' @" + std::to_string(field.offset) + " -> @" +
             std::to_string(candidate[f]);
    field.offset = candidate[f];
  }
  return warningFor(
      name, "header field offsets disagree with the data (padding counts do not match the " +
                std::to_string(header.stride) + "-byte records): a float field declared at an " +
                "unaligned offset reads as garbage there (" + std::to_string(declaredGood) + "/" +
                std::to_string(compared) + " plausible samples) but as sane values when aligned (" +
                std::to_string(candidateGood) + "/" + std::to_string(compared) +
                "); reading with aligned offsets: " + moved);
}

}  // namespace fuselabel::pointcloud_detail

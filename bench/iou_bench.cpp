// BEV IoU of oriented box pairs: fuselabel's rectangle clipping against
// Boost.Geometry's general polygon intersection, with its default settings
// (what a user reaching for a library would write).

#include <benchmark/benchmark.h>

#include <vector>

#include "bench_inputs.hpp"
#include "core/geometry/iou.hpp"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/geometry.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

namespace fuselabel::bench {
namespace {

namespace bg = boost::geometry;
using BgPoint = bg::model::d2::point_xy<double>;
using BgPolygon = bg::model::polygon<BgPoint, false, true>;

constexpr std::size_t kPairs = 1024;

const std::vector<std::pair<Cuboid, Cuboid>>& pairs() {
  static const std::vector<std::pair<Cuboid, Cuboid>> instance = randomBoxPairs(kPairs);
  return instance;
}

BgPolygon footprint(const Cuboid& c) {
  const std::array<Eigen::Vector3d, 8> corners = c.corners();
  BgPolygon poly;
  for (std::size_t i = 0; i < 4; ++i) {
    bg::append(poly.outer(), BgPoint(corners[i].x(), corners[i].y()));
  }
  bg::append(poly.outer(), BgPoint(corners[0].x(), corners[0].y()));
  return poly;
}

double boostBevIou(const Cuboid& a, const Cuboid& b) {
  const BgPolygon pa = footprint(a);
  const BgPolygon pb = footprint(b);
  std::vector<BgPolygon> out;
  bg::intersection(pa, pb, out);
  double inter = 0.0;
  for (const BgPolygon& p : out) {
    inter += bg::area(p);
  }
  return inter / (bg::area(pa) + bg::area(pb) - inter);
}

void iouFuselabel(benchmark::State& state) {
  for (auto _ : state) {
    double sum = 0.0;
    for (const auto& [a, b] : pairs()) {
      sum += bevIou(a, b);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPairs));
}

void iouBoostGeometry(benchmark::State& state) {
  for (auto _ : state) {
    double sum = 0.0;
    for (const auto& [a, b] : pairs()) {
      sum += boostBevIou(a, b);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kPairs));
}

BENCHMARK(iouFuselabel)->Name("Iou/fuselabel");
BENCHMARK(iouBoostGeometry)->Name("Iou/boost_geometry");

}  // namespace
}  // namespace fuselabel::bench

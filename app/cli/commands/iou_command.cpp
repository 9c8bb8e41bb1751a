// `fuselabel-cli iou`: exact IoU of two yaw-only cuboids, for checking a
// metric by hand or from a script without writing code.

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/cli/command.hpp"
#include "core/geometry/cuboid.hpp"
#include "core/geometry/iou.hpp"

namespace fuselabel::cli {
namespace {

struct IouOptions {
  std::vector<double> a;
  std::vector<double> b;
  bool json = false;
};

Cuboid cuboidFromArgs(const std::vector<double>& v) {
  return Cuboid::fromYaw(Eigen::Vector3d(v[0], v[1], v[2]), Eigen::Vector3d(v[3], v[4], v[5]),
                         v[6]);
}

int runIou(const IouOptions& options) {
  const Cuboid a = cuboidFromArgs(options.a);
  const Cuboid b = cuboidFromArgs(options.b);
  const double bev = bevIou(a, b);
  const double full = iou3d(a, b);
  if (options.json) {
    std::cout << nlohmann::json{{"iou_bev", bev}, {"iou3d", full}}.dump() << "\n";
  } else {
    std::printf("iou_bev %.9f\niou3d   %.9f\n", bev, full);
  }
  return kExitOk;
}

}  // namespace

Command addIouCommand(CLI::App& parent) {
  auto options = std::make_shared<IouOptions>();
  CLI::App* sub = parent.add_subcommand(
      "iou", "Exact bird's-eye-view and 3D IoU of two cuboids given as x y z l w h yaw");
  sub->add_option("--a", options->a, "first cuboid: centre x y z (m), size l w h (m), yaw (rad)")
      ->expected(7)
      ->required();
  sub->add_option("--b", options->b, "second cuboid, same layout")->expected(7)->required();
  sub->add_flag("--json", options->json, "print a JSON object instead of text");
  return {sub, [options] { return runIou(*options); }};
}

}  // namespace fuselabel::cli

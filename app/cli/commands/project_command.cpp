// `fuselabel-cli project`: where each LiDAR point of a frame lands in a
// camera, as CSV, for checking a calibration with other tools.

#include <cstdio>
#include <iostream>
#include <memory>

#include "app/cli/command.hpp"
#include "app/cli/commands/dataset_selection.hpp"
#include "app/cli/commands/frame_selection.hpp"
#include "datasets/sequence/frame_projection.hpp"

namespace fuselabel::cli {
namespace {

struct ProjectOptions {
  DatasetSelection dataset;
  FrameSelection frame;
  std::string camera;
  std::string out;
};

int runProject(const ProjectOptions& options) {
  auto sequence = options.dataset.open();
  if (!sequence) {
    std::cerr << "fuselabel-cli project: " << sequence.error().message << "\n";
    return kExitFailure;
  }
  auto frame = options.frame.resolve(*sequence);
  if (!frame) {
    std::cerr << "fuselabel-cli project: " << frame.error().message << "\n";
    return kExitFailure;
  }
  auto projected = projectFrame(*sequence, *frame, options.camera);
  if (!projected) {
    std::cerr << "fuselabel-cli project: " << projected.error().message << "\n";
    return kExitFailure;
  }
  for (const std::string& warning : projected->sweep.warnings)
    std::cerr << "warning: " << warning << "\n";

  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(options.out.c_str(), "w"), &std::fclose);
  if (!file) {
    std::cerr << "fuselabel-cli project: cannot write " << options.out << "\n";
    return kExitFailure;
  }
  const SweepProjection& p = projected->projection;
  std::fputs("index,u,v,depth\n", file.get());
  size_t rows = 0;
  for (size_t i = 0; i < p.flags.size(); ++i) {
    if ((p.flags[i] & SweepProjection::kInsideImage) == 0) continue;
    std::fprintf(file.get(), "%zu,%.4f,%.4f,%.4f\n", i, double{p.u[i]}, double{p.v[i]},
                 double{p.depth[i]});
    ++rows;
  }
  if (std::fflush(file.get()) != 0) {
    std::cerr << "fuselabel-cli project: writing " << options.out << " failed\n";
    return kExitFailure;
  }
  std::cerr << "frame " << sequence->frames[*frame].id << ": " << rows << " of " << p.flags.size()
            << " points land in " << options.camera << " -> " << options.out << "\n";
  return kExitOk;
}

}  // namespace

Command addProjectCommand(CLI::App& parent) {
  auto options = std::make_shared<ProjectOptions>();
  CLI::App* sub = parent.add_subcommand(
      "project", "Project a frame's LiDAR points into a camera and write them as CSV");
  options->dataset.addOptions(*sub);
  options->frame.addOptions(*sub);
  sub->add_option("--camera", options->camera, "camera name, e.g. image_2 or front")->required();
  sub->add_option("--out,-o", options->out,
                  "CSV file to write: index,u,v,depth per point inside the image")
      ->required();
  return {sub, [options] { return runProject(*options); }};
}

}  // namespace fuselabel::cli

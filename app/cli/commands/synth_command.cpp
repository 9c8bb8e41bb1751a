// `fuselabel-cli synth`: generates a synthetic driving scene with exact
// ground truth (datasets/synthetic), for demos, stress data and accuracy tests.

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/command.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel::cli {
namespace {

struct SynthCommandOptions {
  std::string output;
  SynthOptions scene;
  bool quiet = false;
};

void drawProgress(int done, int total) {
  constexpr int kWidth = 30;
  const int filled = total > 0 ? done * kWidth / total : kWidth;
  std::fprintf(stderr, "\r[%.*s%*s] %d/%d frames", filled, "##############################",
               kWidth - filled, "", done, total);
  if (done == total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

int runSynth(const SynthCommandOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  SynthProgress progress;
  if (!options.quiet) progress = drawProgress;
  auto summary = generateSyntheticScene(options.scene, options.output, progress);
  if (!summary) {
    std::fprintf(stderr, "fuselabel-cli synth: %s\n", summary.error().message.c_str());
    return kExitFailure;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "wrote %s: %d frames, %zu points, %zu images, %zu actor tracks, %zu lane lines in %.2f s\n",
      summary->manifest.string().c_str(), summary->frames, summary->points, summary->images,
      summary->actors, summary->laneLines, seconds);
  std::printf("ground truth: %s (OpenLABEL: %s)\n", summary->labels.string().c_str(),
              summary->openLabel.string().c_str());
  return kExitOk;
}

}  // namespace

Command addSynthCommand(CLI::App& parent) {
  auto options = std::make_shared<SynthCommandOptions>();
  CLI::App* sub = parent.add_subcommand(
      "synth",
      "Generate a synthetic driving scene (scene.json, sweeps, images) with exact ground truth");
  sub->add_option("-o,--output", options->output, "folder to write the scene into")->required();
  sub->add_option("--frames", options->scene.frames, "number of LiDAR sweeps (frames)")
      ->capture_default_str();
  sub->add_option("--beams", options->scene.beams, "LiDAR beams (e.g. 32, 64, 128)")
      ->capture_default_str();
  sub->add_option("--columns", options->scene.columns, "LiDAR columns per turn")
      ->capture_default_str();
  sub->add_option("--cameras", options->scene.cameras, "number of cameras (0..6)")
      ->capture_default_str();
  sub->add_option("--width", options->scene.imageWidth, "camera image width (px)")
      ->capture_default_str();
  sub->add_option("--height", options->scene.imageHeight, "camera image height (px)")
      ->capture_default_str();
  sub->add_option("--seed", options->scene.seed, "random seed; the same seed gives the same bytes")
      ->capture_default_str();
  sub->add_option("--actors", options->scene.actors, "number of actors")->capture_default_str();
  sub->add_option("--threads", options->scene.threads,
                  "worker threads (0 = all cores); output does not depend on it")
      ->capture_default_str();
  sub->add_flag("-q,--quiet", options->quiet, "no progress bar");
  return {sub, [options] { return runSynth(*options); }};
}

}  // namespace fuselabel::cli

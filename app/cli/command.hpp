#pragma once
// How fuselabel-cli's subcommands plug into main(): each command file adds its
// subcommand and options to the app and hands back the function that runs it.

#include <CLI/CLI.hpp>

#include <functional>

namespace fuselabel::cli {

/// Exit codes shared by every subcommand.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,  ///< the command ran and found a problem (bad input, failed check)
  kExitUsage = 2,    ///< the command line itself was wrong
};

/// A registered subcommand: the CLI11 node that says whether it was chosen,
/// and the function that runs it once options are parsed.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

/// `fuselabel-cli iou`: exact BEV and 3D IoU of two cuboids.
Command addIouCommand(CLI::App& parent);
/// `fuselabel-cli info`: what a dataset holds and its sync report.
Command addInfoCommand(CLI::App& parent);
/// `fuselabel-cli project`: a frame's points in a camera, as CSV.
Command addProjectCommand(CLI::App& parent);
/// `fuselabel-cli overlay`: a frame's points drawn on a camera image.
Command addOverlayCommand(CLI::App& parent);
/// `fuselabel-cli synth`: a synthetic driving scene with exact ground truth.
Command addSynthCommand(CLI::App& parent);
/// `fuselabel-cli convert`: labels from one format to another.
Command addConvertCommand(CLI::App& parent);
/// `fuselabel-cli stats`: LiDAR points inside each labelled cuboid.
Command addStatsCommand(CLI::App& parent);
/// `fuselabel-cli validate`: schema checks of a label file (exit 1 on errors).
Command addValidateCommand(CLI::App& parent);
/// `fuselabel-cli fit`: auto-fits one frame's cuboids to its points.
Command addFitCommand(CLI::App& parent);
/// `fuselabel-cli fill`: fills tracks between (and after) their keyframes.
Command addFillCommand(CLI::App& parent);
/// `fuselabel-cli effort`: the simulated-annotator effort benchmark.
Command addEffortCommand(CLI::App& parent);
/// `fuselabel-cli script-label`: the scripted labeling run, clicks and keys counted.
Command addScriptLabelCommand(CLI::App& parent);
/// `fuselabel-cli prelabel`: proposals from geometry or detections, tracked over time.
Command addPrelabelCommand(CLI::App& parent);
/// `fuselabel-cli agree`: agreement of two label sets, box by box.
Command addAgreeCommand(CLI::App& parent);
/// `fuselabel-cli eval`: detection AP and tracking metrics against ground truth.
Command addEvalCommand(CLI::App& parent);
/// `fuselabel-cli consensus`: several annotators' labels merged box by box.
Command addConsensusCommand(CLI::App& parent);
/// `fuselabel-cli report`: an HTML page with charts of an agreement/evaluation run.
Command addReportCommand(CLI::App& parent);

}  // namespace fuselabel::cli

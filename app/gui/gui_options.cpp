#include "app/gui/gui_options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

#include "core/annotation/audit_log.hpp"

namespace fuselabel::gui {

ParsedOptions parseGuiOptions(int argc, const char* const* argv) {
  GuiOptions options;
  CLI::App app{"fuselabel: label autonomous-driving scenes in 3D", "fuselabel"};
  app.add_option("dataset", options.datasetPath,
                 "Recording folder to open (KITTI object, SUSTech, ...); none: the built-in demo "
                 "scene, generated once into the user's cache folder")
      ->type_name("DATASET");
  app.add_flag("--empty", options.empty, "Open no dataset and no demo: an empty 3D view");
  app.add_option("--format", options.format,
                 "Dataset layout (kitti-object, sustech, ...); default: detect")
      ->type_name("F");
  app.add_flag("--allow-outside-paths", options.allowOutsidePaths,
               "Let a scene manifest name files outside its own folder");
  app.add_option("--accumulate", options.accumulate,
                 "Show the N sweeps before each frame merged with it in the world (0: off)")
      ->check(CLI::Range(0, 200))
      ->type_name("N");
  app.add_option("--color", options.colorMode,
                 "Point colour: intensity, height, range, ring, time or camera (the colour of "
                 "the image each point projects into)")
      ->check(CLI::IsMember({"intensity", "height", "range", "ring", "time", "camera"}))
      ->type_name("MODE");
  app.add_option("--labels", options.labelsPath,
                 "Label file (or folder) to show and edit over the dataset; a file that does "
                 "not exist yet starts new labels saved there. Default: the labels the dataset "
                 "ships (KITTI label_2, SUSTech label/, a manifest's labels), else new labels");
  app.add_option("--labels-format", options.labelsFormat,
                 "Format of --labels (native, kitti, openlabel, nuscenes, ...); default: detect");
  app.add_option("--save-to", options.savePath,
                 "Native label file Ctrl+S writes (default: the --labels file when it is "
                 "native, else fuselabel_labels.json here)")
      ->type_name("FILE");
  app.add_option("--predictions", options.predictionsPath,
                 "A model's output (any label format) shown over the labels: matched box by "
                 "box, with false positives, misses and ID switches coloured and listed")
      ->type_name("FILE");
  app.add_option("--predictions-format", options.predictionsFormat,
                 "Format of --predictions (native, kitti, openlabel, nuscenes, ...); default: "
                 "detect");
  app.add_option("--review", options.reviewQueue,
                 "Open the Review panel on a queue: to-review (the reviewer: flagged, fixed, "
                 "unreviewed), rejected (the annotator: what came back, with comments) or all. "
                 "Walk it with . and , and judge each item: Y accept, X reject with a "
                 "comment, E fixed, M pin")
      ->check(CLI::IsMember({"to-review", "rejected", "all"}))
      ->type_name("QUEUE");
  app.add_option("--user", options.user,
                 "Who edits and reviews, for the reviews and the audit log the label file "
                 "keeps (default: $FUSELABEL_USER, else the login name)")
      ->type_name("NAME");
  app.add_option("--frame", options.startFrame, "Frame id to show first, e.g. 000965")
      ->type_name("ID");
  app.add_option("--screenshot", options.screenshotPath,
                 "Render until the frame is loaded and drawn, then --frames more, save the window "
                 "as a PNG to FILE "
                 "and exit")
      ->type_name("FILE");
  auto* frames =
      app.add_option(
             "--frames", options.frames,
             "Frames to render before --screenshot (default 3), or to time with --bench-render")
          ->type_name("N")
          ->check(CLI::Range(1, 100000));
  app.add_option("--debug-state", options.debugStatePath,
                 "Write the view state as JSON to FILE whenever it changes (for tests)")
      ->type_name("FILE");
  app.add_option("--width", options.width,
                 "Window (or benchmark image) width in pixels (default 1600)")
      ->type_name("W")
      ->check(CLI::Range(320, 16384));
  app.add_option("--height", options.height,
                 "Window (or benchmark image) height in pixels (default 900)")
      ->type_name("H")
      ->check(CLI::Range(240, 16384));
  app.add_flag("--bench-render", options.benchRender,
               "Time the app's point rendering against a bare draw of the same buffer off-screen, "
               "print and exit");
  app.add_option("--points", options.benchPoints, "Points for --bench-render (default 1000000)")
      ->type_name("N")
      ->check(CLI::Range(1LL, 200'000'000LL));
  app.add_flag("--json", options.json, "With --bench-render: print one JSON object");
  try {
    app.parse(argc, argv);
    options.framesGiven = frames->count() > 0;
    if (options.empty && !options.datasetPath.empty()) {
      throw CLI::ValidationError("--empty", "cannot be combined with a dataset");
    }
    if (options.framesGiven && options.screenshotPath.empty() && !options.benchRender) {
      throw CLI::ValidationError("--frames", "needs --screenshot or --bench-render");
    }
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return {std::nullopt, 0};
  } catch (const CLI::ParseError& e) {
    std::cerr << "fuselabel: " << e.what() << "\n\n" << app.help();
    return {std::nullopt, 2};
  }
  if (options.benchRender && !options.framesGiven) {
    options.frames = 10;
  }
  if (options.user.empty()) {
    options.user = currentUserName();
  }
  return {options, 0};
}

}  // namespace fuselabel::gui

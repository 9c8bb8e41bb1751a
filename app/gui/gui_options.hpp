#pragma once
// Command line of the fuselabel GUI.

#include <optional>
#include <string>

#include "datasets/adapters/dataset_adapter.hpp"

namespace fuselabel::gui {

struct GuiOptions {
  /// How the dataset is opened (format, outside paths).
  [[nodiscard]] DatasetOpenOptions datasetOptions() const {
    DatasetOpenOptions options;
    options.format = format;
    options.allowOutsidePaths = allowOutsidePaths;
    return options;
  }

  std::string datasetPath;         ///< empty: the built-in demo scene (or nothing with `empty`)
  bool empty = false;              ///< --empty: no dataset at all, not even the demo
  std::string format;              ///< dataset adapter; empty = detect
  bool allowOutsidePaths = false;  ///< --allow-outside-paths: a manifest may name files elsewhere
  std::string startFrame;          ///< frame id to show first; empty = the first frame
  int accumulate = 0;              ///< --accumulate N: show N sweeps before each frame merged
  std::string colorMode;           ///< --color: initial point colour mode; empty = intensity
  std::string labelsPath;          ///< --labels: a label file; empty = the dataset's own labels
  std::string labelsFormat;        ///< --labels-format; empty = detect
  std::string savePath;            ///< --save-to: native file Ctrl+S writes
  std::string predictionsPath;     ///< --predictions: model output matched against the labels
  std::string predictionsFormat;   ///< --predictions-format; empty = detect
  std::string reviewQueue;         ///< --review QUEUE: the Review panel open on it; empty: closed
  std::string user;                ///< --user: who edits and reviews; empty = the login name
  std::string screenshotPath;      ///< empty: interactive
  int frames = 3;                  ///< frames to render before the screenshot (or benchmark frames)
  bool framesGiven = false;
  std::string debugStatePath;  ///< empty: no debug state
  int width = 1600;
  int height = 900;
  bool benchRender = false;  ///< --bench-render: time the point renderer and exit
  long long benchPoints = 1'000'000;
  bool json = false;
};

struct ParsedOptions {
  std::optional<GuiOptions> options;  ///< empty: exit with exitCode
  int exitCode = 0;                   ///< 0 after --help, 2 on bad arguments
};

/// Parses argv; prints help or the error with usage to stdout/stderr itself.
[[nodiscard]] ParsedOptions parseGuiOptions(int argc, const char* const* argv);

}  // namespace fuselabel::gui

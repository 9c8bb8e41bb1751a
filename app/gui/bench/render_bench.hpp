#pragma once
// `fuselabel --bench-render`: renders frames off-screen through the app's
// SceneRenderer and, for the same vertex buffer in the same process, a bare
// minimal draw of the same points (the lower bound), and prints both; plus
// what a frame change costs (batch build on the worker, point upload, image
// uploads).

#include "app/gui/gui_options.hpp"

namespace fuselabel::gui {

/// Runs the benchmark described by `options`; returns the exit code.
[[nodiscard]] int runRenderBench(const GuiOptions& options);

}  // namespace fuselabel::gui

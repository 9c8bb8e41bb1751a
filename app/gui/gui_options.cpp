#include "app/gui/gui_options.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace fuselabel::gui {

ParsedOptions parseGuiOptions(int argc, const char* const* argv) {
  GuiOptions options;
  CLI::App app{"fuselabel: label autonomous-driving scenes in 3D", "fuselabel"};
  auto* screenshot = app.add_option("--screenshot", options.screenshotPath,
                                    "Render --frames frames, save the window as a PNG to FILE and exit")
                         ->type_name("FILE");
  app.add_option("--frames", options.frames, "Frames to render before --screenshot (default 3)")
      ->type_name("N")
      ->check(CLI::Range(1, 100000))
      ->needs(screenshot);
  app.add_option("--debug-state", options.debugStatePath,
                 "Write the view state as JSON to FILE whenever it changes (for tests)")
      ->type_name("FILE");
  app.add_option("--width", options.width, "Window width in pixels (default 1600)")
      ->type_name("W")
      ->check(CLI::Range(320, 16384));
  app.add_option("--height", options.height, "Window height in pixels (default 900)")
      ->type_name("H")
      ->check(CLI::Range(240, 16384));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return {std::nullopt, 0};
  } catch (const CLI::ParseError& e) {
    std::cerr << "fuselabel: " << e.what() << "\n\n" << app.help();
    return {std::nullopt, 2};
  }
  return {options, 0};
}

}  // namespace fuselabel::gui

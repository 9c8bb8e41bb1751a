// fuselabel-cli: the headless tool. Every capability of the GUI that makes
// sense in batch is a subcommand here; main() only parses and dispatches.

#include <iostream>
#include <vector>

#include "app/cli/command.hpp"

int main(int argc, char** argv) {
  using namespace fuselabel::cli;

  CLI::App app{"fuselabel-cli: convert, inspect and check 3D driving-scene labels",
               "fuselabel-cli"};
  app.set_version_flag("--version", std::string("fuselabel-cli ") + FUSELABEL_VERSION);
  // At most one subcommand; none is a usage error reported after parsing, so
  // an unknown option is named as such instead of "a subcommand is required".
  app.require_subcommand(0, 1);

  // One subcommand a line, in the order --help lists them.
  // clang-format off
  const std::vector<Command> commands = {
      addInfoCommand(app),
      addIouCommand(app),
      addProjectCommand(app),
      addOverlayCommand(app),
      addSynthCommand(app),
      addConvertCommand(app),
      addStatsCommand(app),
      addValidateCommand(app),
      addFitCommand(app),
      addFillCommand(app),
      addEffortCommand(app),
      addScriptLabelCommand(app),
      addPrelabelCommand(app),
      addAgreeCommand(app),
      addEvalCommand(app),
      addConsensusCommand(app),
      addReportCommand(app),
  };
  // clang-format on

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 uses its own codes (100+); scripts expect the usual 2 for usage.
    std::cerr << "fuselabel-cli: " << e.what() << "\n"
              << "Run 'fuselabel-cli --help' for usage.\n";
    return kExitUsage;
  }

  for (const Command& command : commands) {
    if (command.app->parsed()) {
      try {
        return command.run();
      } catch (const std::exception& e) {
        // Commands report errors as results; this is the last line of defence.
        std::cerr << "fuselabel-cli " << command.app->get_name() << ": internal error: " << e.what()
                  << "\n";
        return kExitFailure;
      }
    }
  }
  std::cerr << "fuselabel-cli: no command given\n" << app.help();
  return kExitUsage;
}

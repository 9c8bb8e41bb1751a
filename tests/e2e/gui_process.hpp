#pragma once
// Launching the real fuselabel binary and sending it X input with xdotool.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fuselabel::e2e {

/// A child process; killed (SIGKILL, by its own pid) if still running when destroyed.
class GuiProcess {
 public:
  /// Starts `FUSELABEL_GUI_BINARY args...` in `workDir`, with `env` overriding the
  /// inherited environment (an empty value removes the variable); stdout and
  /// stderr go to workDir/output.log.
  GuiProcess(const std::vector<std::string>& args, const std::filesystem::path& workDir,
             const std::map<std::string, std::string>& env);
  GuiProcess(const GuiProcess&) = delete;
  GuiProcess& operator=(const GuiProcess&) = delete;
  GuiProcess(GuiProcess&&) = delete;
  GuiProcess& operator=(GuiProcess&&) = delete;
  ~GuiProcess();

  [[nodiscard]] int pid() const noexcept { return m_pid; }
  /// The exit code once the process ended within `timeout`; nothing otherwise.
  [[nodiscard]] std::optional<int> waitForExit(std::chrono::milliseconds timeout);
  /// What the process printed so far.
  [[nodiscard]] std::string output() const;

 private:
  int m_pid = -1;
  std::optional<int> m_exitCode;
  std::filesystem::path m_log;
};

struct CommandResult {
  int exitCode = -1;
  std::string output;
};

/// Runs a shell command, capturing stdout (stderr is merged).
[[nodiscard]] CommandResult runCommand(const std::string& command);

/// A fresh, empty folder for one test under the build tree.
[[nodiscard]] std::filesystem::path freshWorkDir(const std::string& name);

/// Polls `path` until it holds JSON satisfying `ready` or `timeout` passes.
template <class Ready>
[[nodiscard]] std::optional<nlohmann::json> waitForJson(const std::filesystem::path& path,
                                                        Ready ready,
                                                        std::chrono::milliseconds timeout);

/// Reads a JSON file; nothing when missing or unparseable (e.g. mid-rename).
[[nodiscard]] std::optional<nlohmann::json> readJson(const std::filesystem::path& path);
/// The --debug-state file pretty-printed for a failure message ("none" when unreadable).
[[nodiscard]] std::string stateDump(const std::filesystem::path& state);

/// Empty when DISPLAY is set; otherwise the message telling how to run the tests.
[[nodiscard]] std::string displayProblem();

void sleepMs(int milliseconds);

template <class Ready>
std::optional<nlohmann::json> waitForJson(const std::filesystem::path& path, Ready ready,
                                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::optional<nlohmann::json> last;
  while (std::chrono::steady_clock::now() < deadline) {
    last = readJson(path);
    if (last && ready(*last)) {
      return last;
    }
    sleepMs(50);
  }
  return std::nullopt;
}

}  // namespace fuselabel::e2e

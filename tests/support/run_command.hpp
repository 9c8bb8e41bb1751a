#pragma once
// Running a program from a test and capturing what it printed, for tests that
// check the real executables (CLI behaviour, linkage, GUI screenshots).

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace fuselabel::test {

/// What a finished command printed on stdout (stderr merged when asked) and its exit code.
struct CommandOutput {
  int exitCode = -1;
  std::string output;
};

/// Runs `command` through /bin/sh and waits for it. Append "2>&1" to the
/// command to capture stderr too.
inline CommandOutput runCommand(const std::string& command) {
  CommandOutput result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    result.output.append(buffer.data(), n);
  }
  const int status = ::pclose(pipe);
  result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

#ifdef FUSELABEL_CLI_PATH
/// The built fuselabel-cli, for test suites that run it (the build defines the path).
inline const std::string kCli = FUSELABEL_CLI_PATH;
#endif

}  // namespace fuselabel::test

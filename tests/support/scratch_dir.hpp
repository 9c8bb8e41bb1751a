#pragma once
// A scratch directory for a test: under the system temp directory, named for
// the suite, the case and this process (so parallel ctest runs never share
// one), and emptied first so a previous run's files cannot make a test pass.

#include <unistd.h>

#include <filesystem>
#include <string>

namespace fuselabel::test {

/// "<temp>/fuselabel_<suite>_<name>_<pid>", removed if present and not created.
inline std::filesystem::path freshScratchPath(const std::string& suite, const std::string& name) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("fuselabel_" + suite + "_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace fuselabel::test

#pragma once
// Scratch folders for tests, under the system temp directory and named for
// this process, so parallel ctest runs never share one. A folder for one
// test is emptied first, so a previous run's files cannot make it pass.

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

/// The same folder, empty.
inline std::filesystem::path freshScratchDir(const std::string& suite, const std::string& name) {
  std::filesystem::path dir = freshScratchPath(suite, name);
  std::filesystem::create_directories(dir);
  return dir;
}

/// "<temp>/fuselabel_<suite>_<pid>", created if missing and kept for the
/// whole process: the tests of one suite that write side by side in it.
inline std::filesystem::path processScratchDir(const std::string& suite) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("fuselabel_" + suite + "_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace fuselabel::test

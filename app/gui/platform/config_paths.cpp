#include "app/gui/platform/config_paths.hpp"

#include <cstdlib>
#include <system_error>

namespace fuselabel::gui {

Result<std::filesystem::path> userConfigDir() {
  std::filesystem::path base;
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  if (xdg != nullptr && std::filesystem::path(xdg).is_absolute()) {
    base = xdg;
  } else if (home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".config";
  } else {
    return Error{"neither XDG_CONFIG_HOME nor HOME is set; settings will not be saved"};
  }
  const std::filesystem::path dir = base / "fuselabel";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error::inFile(dir.string(), "cannot create settings folder: " + ec.message());
  }
  return dir;
}

}  // namespace fuselabel::gui

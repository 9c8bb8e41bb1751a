#include "app/gui/platform/process_memory.hpp"

#include <unistd.h>

#include <fstream>

namespace fuselabel::gui {

std::optional<std::uint64_t> residentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::uint64_t sizePages = 0;
  std::uint64_t residentPages = 0;
  if (!(statm >> sizePages >> residentPages)) {
    return std::nullopt;
  }
  const long page = ::sysconf(_SC_PAGESIZE);
  return residentPages * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

}  // namespace fuselabel::gui

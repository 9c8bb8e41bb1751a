#include "datasets/io/mapped_file.hpp"

#include <sys/mman.h>

#include <csetjmp>
#include <csignal>
#include <cstring>
#include <string>
#include <utility>

namespace fuselabel {

Result<MappedFile> MappedFile::map(int fd, std::size_t size, std::string_view name) {
  if (size == 0) return Error::inFile(name, "cannot map an empty file");
  void* data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    return Error::inFile(name, std::string("cannot map: ") + std::strerror(errno));
  }
  return MappedFile(static_cast<const std::byte*>(data), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (m_data != nullptr) ::munmap(const_cast<std::byte*>(m_data), m_size);
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (m_data != nullptr) ::munmap(const_cast<std::byte*>(m_data), m_size);
}

namespace {

/// The region a thread is reading under visitMappedGuarded, and where to
/// jump back to when it faults.
struct GuardedRegion {
  const std::byte* begin;
  const std::byte* end;
  sigjmp_buf jump;
};

thread_local GuardedRegion* t_region = nullptr;
struct sigaction g_previousSigbus {};

void onSigbus(int signal, siginfo_t* info, void* ucontext) {
  GuardedRegion* region = t_region;
  const auto* at = static_cast<const std::byte*>(info->si_addr);
  if (region != nullptr && at >= region->begin && at < region->end) {
    siglongjmp(region->jump, 1);
  }
  // Not a guarded read: whoever handled SIGBUS before decides.
  if ((g_previousSigbus.sa_flags & SA_SIGINFO) != 0 && g_previousSigbus.sa_sigaction != nullptr) {
    g_previousSigbus.sa_sigaction(signal, info, ucontext);
    return;
  }
  if ((g_previousSigbus.sa_flags & SA_SIGINFO) == 0 && g_previousSigbus.sa_handler != SIG_DFL &&
      g_previousSigbus.sa_handler != SIG_IGN) {
    g_previousSigbus.sa_handler(signal);
    return;
  }
  // Default action: returning re-runs the faulting access, which now kills.
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  ::sigaction(SIGBUS, &fallback, nullptr);
}

void installSigbusHandlerOnce() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_sigaction = onSigbus;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO;
    return ::sigaction(SIGBUS, &action, &g_previousSigbus) == 0;
  }();
  (void)installed;
}

}  // namespace

bool visitMappedGuarded(std::span<const std::byte> region, void (*visit)(void*), void* context) {
  installSigbusHandlerOnce();
  GuardedRegion guarded{region.data(), region.data() + region.size(), {}};
  GuardedRegion* const outer = t_region;
  // Mask saved (second argument): the handler's blocked SIGBUS is unblocked
  // again by the jump back.
  if (sigsetjmp(guarded.jump, 1) != 0) {
    t_region = outer;
    return false;
  }
  t_region = &guarded;
  visit(context);
  t_region = outer;
  return true;
}

}  // namespace fuselabel

#include "datasets/synthetic/synthetic_demo.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <system_error>

#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFolderPrefix = "demo-";
// Temporary folders are hidden siblings: ".demo-<hash>.partial-<pid>".
constexpr std::string_view kPartialMarker = ".partial-";

class Fnv1a {
 public:
  void add(std::string_view text) {
    for (const char c : text) {
      m_hash ^= static_cast<unsigned char>(c);
      m_hash *= 0x100000001b3ULL;
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    m_hash ^= 0xff;
    m_hash *= 0x100000001b3ULL;
  }
  void add(double value) {
    // %a is exact: options that differ in the last bit get different folders.
    std::array<char, 64> text{};
    std::snprintf(text.data(), text.size(), "%a", value);
    add(std::string_view(text.data()));
  }
  void add(std::int64_t value) { add(std::to_string(value)); }
  [[nodiscard]] std::uint64_t value() const noexcept { return m_hash; }

 private:
  std::uint64_t m_hash = 0xcbf29ce484222325ULL;
};

bool processAlive(long pid) {
  if (pid <= 0) return false;
  return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

// Deletes the temporary folders that interrupted runs left behind. A folder
// whose process still runs is another start generating right now: keep it.
void removeAbandonedPartials(const fs::path& cacheRoot) {
  std::error_code ec;
  for (fs::directory_iterator it(cacheRoot, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const std::size_t marker = name.rfind(kPartialMarker);
    if (name.empty() || name[0] != '.' || marker == std::string::npos) continue;
    const char* first = name.data() + marker + kPartialMarker.size();
    const char* last = name.data() + name.size();
    long pid = 0;
    const auto [parsedEnd, error] = std::from_chars(first, last, pid);
    if (error != std::errc{} || parsedEnd != last || processAlive(pid)) continue;
    std::error_code removeError;
    fs::remove_all(it->path(), removeError);
  }
}

}  // namespace

SynthOptions demoSynthOptions() {
  SynthOptions options;
  options.frames = 100;
  options.beams = 64;
  options.cameras = 3;
  options.seed = 1;
  return options;
}

std::string synthOptionsHash(const SynthOptions& o) {
  Fnv1a h;
  h.add(std::int64_t{kSynthGeneratorVersion});
  for (const int value : {o.frames, o.beams, o.columns, o.cameras, o.imageWidth, o.imageHeight,
                          o.actors, o.jpegQuality})
    h.add(std::int64_t{value});
  h.add(static_cast<std::int64_t>(o.seed));
  for (const double value : {o.lidarRateHz, o.lowestElevationDeg, o.highestElevationDeg, o.maxRange,
                             o.rangeNoise, o.dropout})
    h.add(value);
  h.add(static_cast<std::int64_t>(o.cameraRig.size()));
  for (const SynthCameraOptions& c : o.cameraRig) {
    h.add(c.name);
    for (const double value : {c.yaw, c.pitch, c.horizontalFovDeg})
      h.add(value);
    for (const double value : c.position)
      h.add(value);
    for (const double value : c.distortion)
      h.add(value);
    h.add(std::int64_t{c.width});
    h.add(std::int64_t{c.height});
    h.add(c.timeOffsetNs);
  }
  std::array<char, 17> text{};
  std::snprintf(text.data(), text.size(), "%016llx", static_cast<unsigned long long>(h.value()));
  return text.data();
}

Result<fs::path> userCacheRoot() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (xdg != nullptr && fs::path(xdg).is_absolute()) return fs::path(xdg) / "fuselabel";
  if (home != nullptr && *home != '\0') return fs::path(home) / ".cache" / "fuselabel";
  return Error{"neither XDG_CACHE_HOME nor HOME is set: no cache folder for the demo scene"};
}

fs::path cachedScenePath(const SynthOptions& options, const fs::path& cacheRoot) {
  return cacheRoot / (std::string(kFolderPrefix) + synthOptionsHash(options));
}

Result<CachedScene> ensureCachedScene(const SynthOptions& options, const fs::path& cacheRoot,
                                      const SynthProgress& progress) {
  const fs::path folder = cachedScenePath(options, cacheRoot);
  std::error_code ec;
  // Only a renamed, hence complete, folder has this name; the manifest check
  // guards against someone emptying it by hand.
  if (fs::is_regular_file(folder / "scene.json", ec)) return CachedScene{folder, false};
  if (fs::exists(folder, ec)) {
    fs::remove_all(folder, ec);
    if (ec)
      return Error::inFile(folder.string(), "cannot replace broken cached scene: " + ec.message());
  }
  fs::create_directories(cacheRoot, ec);
  if (!ec && !fs::is_directory(cacheRoot, ec) && !ec)
    ec = std::make_error_code(std::errc::not_a_directory);
  if (ec) {
    return Error::inFile(cacheRoot.string(), "cannot create the cache folder: " + ec.message());
  }
  removeAbandonedPartials(cacheRoot);

  const fs::path partial =
      cacheRoot / ("." + folder.filename().string() + std::string(kPartialMarker) +
                   std::to_string(static_cast<long>(::getpid())));
  fs::remove_all(partial, ec);
  const auto discardPartial = [&partial] {
    std::error_code ignored;
    fs::remove_all(partial, ignored);
  };
  Result<SynthSummary> summary = Error{"not generated"};
  try {
    summary = generateSyntheticScene(options, partial, progress);
  } catch (const std::exception& e) {
    discardPartial();
    return Error::inFile(folder.string(), std::string("generation aborted: ") + e.what());
  } catch (...) {
    discardPartial();
    return Error::inFile(folder.string(), "generation aborted");
  }
  if (!summary) {
    discardPartial();
    return summary.error().withContext("generating " + folder.string());
  }
  fs::rename(partial, folder, ec);
  if (ec) {
    discardPartial();
    // Another start finished the same scene first: theirs is as good as ours.
    std::error_code existsError;
    if (fs::is_regular_file(folder / "scene.json", existsError)) return CachedScene{folder, false};
    return Error::inFile(folder.string(),
                         "cannot move the generated scene into place: " + ec.message());
  }
  return CachedScene{folder, true};
}

}  // namespace fuselabel

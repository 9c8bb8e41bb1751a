#pragma once
// The built-in demo: a synthetic scene generated once into the user's cache
// folder and reused by every later start. A cached scene is a folder named
// after a hash of the options and the generator version, so a change to
// either makes a new one instead of reusing stale files.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/util/result.hpp"
#include "datasets/synthetic/synthetic_options.hpp"

namespace fuselabel {

/// Version of what the generator writes for given options. Bump it whenever
/// the output of the same SynthOptions changes, so cached demos are rebuilt.
inline constexpr int kSynthGeneratorVersion = 2;  // 2: the manifest names the truth files

/// The options of the demo the GUI opens without a dataset: 100 frames,
/// 64 beams, 3 cameras.
[[nodiscard]] SynthOptions demoSynthOptions();

/// 16 hex digits identifying `options` (all fields but `threads`, which does
/// not change the output) together with kSynthGeneratorVersion.
[[nodiscard]] std::string synthOptionsHash(const SynthOptions& options);

/// $XDG_CACHE_HOME/fuselabel, else ~/.cache/fuselabel (not created here);
/// an error when neither variable is usable.
[[nodiscard]] Result<std::filesystem::path> userCacheRoot();

/// Where ensureCachedScene keeps the scene for `options` under `cacheRoot`.
[[nodiscard]] std::filesystem::path cachedScenePath(const SynthOptions& options,
                                                    const std::filesystem::path& cacheRoot);

/// What ensureCachedScene found or made.
struct CachedScene {
  /// The complete scene folder (scene.json inside).
  std::filesystem::path folder;
  /// True when this call generated it; false when it was already cached.
  bool generated = false;
};

/// Returns the cached scene for `options` under `cacheRoot`, generating it
/// first when missing. The scene is written into a temporary sibling folder
/// and renamed into place only when complete, so an interrupted run never
/// leaves a folder that a later call would take for a finished scene;
/// temporary folders of processes that no longer run are deleted. `progress`
/// may throw to abort: the temporary folder is removed and an error returned.
[[nodiscard]] Result<CachedScene> ensureCachedScene(const SynthOptions& options,
                                                    const std::filesystem::path& cacheRoot,
                                                    const SynthProgress& progress = {});

}  // namespace fuselabel

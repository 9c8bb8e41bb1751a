#pragma once
// A linked GLSL program. Sources come from shader files; variants are made by
// inserting `#define` lines after `#version` followed by a `#line` directive,
// so compiler messages keep naming the file's own line numbers. Errors are
// returned (never thrown) and name the file.
//
// Uniforms are set through typed wrappers (GridProgram, LineProgram) that look
// locations up once; this class only offers location-based setters.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "app/gui/render/gl_name.hpp"
#include "core/util/result.hpp"

namespace fuselabel::render {

/// One stage's source and the file name used in error messages.
struct ShaderSource {
  std::string fileName;
  std::string source;
};

/// Everything needed to build one program variant.
struct ProgramSources {
  ShaderSource vertex;
  ShaderSource fragment;
  std::vector<std::string> defines;  ///< e.g. {"FADE_WITH_DISTANCE", "MAX_LIGHTS 4"}
};

/// Inserts `#define` lines after the `#version` line and a `#line` that restores
/// the original numbering. Exposed for tests.
[[nodiscard]] std::string injectDefines(std::string_view source,
                                        const std::vector<std::string>& defines);

/// Rewrites driver log lines such as Mesa's "0:4(12): error" or "ERROR: 0:4:" to
/// "<file>:4:12: error" so the message names the file. Exposed for tests.
[[nodiscard]] std::string nameFileInLog(std::string_view log, std::string_view fileName);

class ShaderProgram {
 public:
  ShaderProgram() noexcept = default;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;
  ShaderProgram(ShaderProgram&&) noexcept = default;
  ShaderProgram& operator=(ShaderProgram&&) noexcept = default;
  ~ShaderProgram() = default;

  /// Compiles and links; the error names the failing file and line.
  [[nodiscard]] static Result<ShaderProgram> build(const ProgramSources& sources);

  /// Builds from files embedded from shaders/ (e.g. "grid.vert", "grid.frag").
  [[nodiscard]] static Result<ShaderProgram> fromEmbedded(
      std::string_view vertexFile, std::string_view fragmentFile,
      const std::vector<std::string>& defines = {});

  void use() const;
  /// -1 when the uniform does not exist or was optimised away (setters ignore -1).
  [[nodiscard]] int uniformLocation(const char* name) const;

  static void set(int location, int value);
  static void set(int location, float value);
  static void set(int location, const Eigen::Vector2f& value);
  static void set(int location, const Eigen::Vector3f& value);
  static void set(int location, const Eigen::Vector4f& value);
  static void set(int location, const Eigen::Matrix4f& value);

  [[nodiscard]] std::uint32_t id() const noexcept { return m_name.get(); }
  [[nodiscard]] bool empty() const noexcept { return m_name.empty(); }

  struct Traits {
    static void destroy(std::uint32_t name) noexcept;
  };

 private:
  GlName<Traits> m_name;
};

}  // namespace fuselabel::render

#include "app/gui/render/shader_program.hpp"

#include <epoxy/gl.h>

#include <regex>
#include <sstream>

#include "app/gui/render/embedded_shaders.hpp"

namespace fuselabel::render {
namespace {

struct ShaderTraits {
  static void destroy(std::uint32_t name) noexcept { glDeleteShader(name); }
};

std::string shaderLog(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetShaderInfoLog(shader, length, nullptr, log.data());
  log.resize(std::char_traits<char>::length(log.c_str()));
  return log;
}

std::string programLog(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(std::max(length, 1)), '\0');
  glGetProgramInfoLog(program, length, nullptr, log.data());
  log.resize(std::char_traits<char>::length(log.c_str()));
  return log;
}

Result<GlName<ShaderTraits>> compile(GLenum stage, const ShaderSource& file,
                                     const std::vector<std::string>& defines) {
  GlName<ShaderTraits> shader(glCreateShader(stage));
  const std::string text = injectDefines(file.source, defines);
  const char* pointer = text.c_str();
  const auto length = static_cast<GLint>(text.size());
  glShaderSource(shader.get(), 1, &pointer, &length);
  glCompileShader(shader.get());
  GLint ok = GL_FALSE;
  glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    return Error::inFile(
        file.fileName, "compile failed:\n" + nameFileInLog(shaderLog(shader.get()), file.fileName));
  }
  return shader;
}

}  // namespace

std::string injectDefines(std::string_view source, const std::vector<std::string>& defines) {
  if (defines.empty()) {
    return std::string(source);
  }
  // Line number (1-based) of the line after #version; defaults to the top.
  std::size_t insertAt = 0;
  int nextLine = 1;
  const std::size_t version = source.find("#version");
  if (version != std::string_view::npos) {
    const std::size_t endOfLine = source.find('\n', version);
    insertAt = endOfLine == std::string_view::npos ? source.size() : endOfLine + 1;
    nextLine = 1;
    for (std::size_t i = 0; i < insertAt; ++i) {
      nextLine += source[i] == '\n' ? 1 : 0;
    }
  }
  std::string text(source.substr(0, insertAt));
  if (!text.empty() && text.back() != '\n') {
    text += '\n';
  }
  for (const std::string& define : defines) {
    text += "#define " + define + "\n";
  }
  // GLSL >= 3.30 numbers the line after `#line N` as N (like C).
  text += "#line " + std::to_string(nextLine) + "\n";
  text.append(source.substr(insertAt));
  return text;
}

std::string nameFileInLog(std::string_view log, std::string_view fileName) {
  // Mesa: "0:4(12): error: ..."; NVIDIA: "0(4) : error ..."; AMD/Intel: "ERROR: 0:4: ...".
  static const std::regex mesa(R"(^\s*\d+:(\d+)\((\d+)\):\s*)");
  static const std::regex nvidia(R"(^\s*\d+\((\d+)\)\s*:\s*)");
  static const std::regex generic(R"(^\s*(ERROR|WARNING):\s*\d+:(\d+):\s*)");
  std::istringstream in{std::string(log)};
  std::string out;
  std::string line;
  const std::string file(fileName);
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, mesa)) {
      line = file + ":" + m[1].str() + ":" + m[2].str() + ": " + m.suffix().str();
    } else if (std::regex_search(line, m, nvidia)) {
      line = file + ":" + m[1].str() + ": " + m.suffix().str();
    } else if (std::regex_search(line, m, generic)) {
      line = file + ":" + m[2].str() + ": " + m[1].str() + ": " + m.suffix().str();
    }
    if (!line.empty()) {
      out += line + "\n";
    }
  }
  return out;
}

void ShaderProgram::Traits::destroy(std::uint32_t name) noexcept {
  glDeleteProgram(name);
}

Result<ShaderProgram> ShaderProgram::build(const ProgramSources& sources) {
  auto vertex = compile(GL_VERTEX_SHADER, sources.vertex, sources.defines);
  if (!vertex) {
    return vertex.error();
  }
  auto fragment = compile(GL_FRAGMENT_SHADER, sources.fragment, sources.defines);
  if (!fragment) {
    return fragment.error();
  }
  ShaderProgram program;
  program.m_name = GlName<Traits>(glCreateProgram());
  glAttachShader(program.id(), vertex->get());
  glAttachShader(program.id(), fragment->get());
  glLinkProgram(program.id());
  GLint ok = GL_FALSE;
  glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
  // Shaders can go once linked; the program keeps the binaries.
  glDetachShader(program.id(), vertex->get());
  glDetachShader(program.id(), fragment->get());
  if (ok != GL_TRUE) {
    return Error{sources.vertex.fileName + " + " + sources.fragment.fileName + ": link failed:\n" +
                 programLog(program.id())};
  }
  return program;
}

Result<ShaderProgram> ShaderProgram::fromEmbedded(std::string_view vertexFile,
                                                  std::string_view fragmentFile,
                                                  const std::vector<std::string>& defines) {
  const auto vertex = findEmbeddedShader(vertexFile);
  const auto fragment = findEmbeddedShader(fragmentFile);
  if (!vertex) {
    return Error::inFile(vertexFile,
                         "no such embedded shader (is it listed in app/gui/CMakeLists.txt?)");
  }
  if (!fragment) {
    return Error::inFile(fragmentFile,
                         "no such embedded shader (is it listed in app/gui/CMakeLists.txt?)");
  }
  return build({{std::string(vertexFile), std::string(*vertex)},
                {std::string(fragmentFile), std::string(*fragment)},
                defines});
}

void ShaderProgram::use() const {
  glUseProgram(m_name.get());
}

int ShaderProgram::uniformLocation(const char* name) const {
  return glGetUniformLocation(m_name.get(), name);
}

void ShaderProgram::set(int location, int value) {
  glUniform1i(location, value);
}
void ShaderProgram::set(int location, float value) {
  glUniform1f(location, value);
}
void ShaderProgram::set(int location, const Eigen::Vector2f& value) {
  glUniform2fv(location, 1, value.data());
}
void ShaderProgram::set(int location, const Eigen::Vector3f& value) {
  glUniform3fv(location, 1, value.data());
}
void ShaderProgram::set(int location, const Eigen::Vector4f& value) {
  glUniform4fv(location, 1, value.data());
}
void ShaderProgram::set(int location, const Eigen::Matrix4f& value) {
  // Eigen is column-major like GL, so no transpose.
  glUniformMatrix4fv(location, 1, GL_FALSE, value.data());
}

}  // namespace fuselabel::render

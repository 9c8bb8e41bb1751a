// Shader text handling without GL: embedding, #define injection, log rewriting.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/gui/render/embedded_shaders.hpp"
#include "app/gui/render/shader_program.hpp"

namespace fuselabel {
namespace {

TEST(EmbeddedShaders, MatchTheFilesInShadersFolderByteForByte) {
  const std::filesystem::path dir = std::filesystem::path(FUSELABEL_SOURCE_DIR) / "shaders";
  ASSERT_FALSE(render::embeddedShaders().empty());
  for (const auto& shader : render::embeddedShaders()) {
    std::ifstream in(dir / std::string(shader.name), std::ios::binary);
    ASSERT_TRUE(in) << shader.name;
    std::ostringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), shader.source) << shader.name;
  }
  EXPECT_TRUE(render::findEmbeddedShader("grid.vert").has_value());
  EXPECT_FALSE(render::findEmbeddedShader("missing.frag").has_value());
}

TEST(InjectDefines, InsertsAfterVersionAndRestoresLineNumbers) {
  const std::string source = "#version 330 core\n// comment\nvoid main() {}\n";
  const std::string text = render::injectDefines(source, {"A", "B 2"});
  EXPECT_EQ(text,
            "#version 330 core\n#define A\n#define B 2\n#line 2\n// comment\nvoid main() {}\n");
}

TEST(InjectDefines, LeavesSourceAloneWithoutDefines) {
  EXPECT_EQ(render::injectDefines("#version 330 core\nx\n", {}), "#version 330 core\nx\n");
}

TEST(InjectDefines, CountsLinesBeforeVersion) {
  const std::string text = render::injectDefines("// licence\n#version 330 core\nx\n", {"A"});
  EXPECT_EQ(text, "// licence\n#version 330 core\n#define A\n#line 3\nx\n");
}

TEST(NameFileInLog, RewritesMesaNvidiaAndGenericFormats) {
  EXPECT_EQ(render::nameFileInLog("0:5(12): error: syntax error\n", "a.frag"),
            "a.frag:5:12: error: syntax error\n");
  EXPECT_EQ(render::nameFileInLog("0(7) : error C0000: bad\n", "a.frag"),
            "a.frag:7: error C0000: bad\n");
  EXPECT_EQ(render::nameFileInLog("ERROR: 0:3: 'x' : undeclared\n", "a.vert"),
            "a.vert:3: ERROR: 'x' : undeclared\n");
  EXPECT_EQ(render::nameFileInLog("something else\n", "a.vert"), "something else\n");
}

}  // namespace
}  // namespace fuselabel

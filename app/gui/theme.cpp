#include "app/gui/theme.hpp"

#include <imgui.h>

#include <filesystem>

namespace fuselabel::gui {
namespace {

ImVec4 rgb(int r, int g, int b, float a = 1.0F) {
  return {static_cast<float>(r) / 255.0F, static_cast<float>(g) / 255.0F,
          static_cast<float>(b) / 255.0F, a};
}

}  // namespace

void applyTheme() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 3.0F;
  style.ChildRounding = 3.0F;
  style.FrameRounding = 3.0F;
  style.PopupRounding = 3.0F;
  style.ScrollbarRounding = 3.0F;
  style.GrabRounding = 3.0F;
  style.TabRounding = 3.0F;
  style.WindowBorderSize = 1.0F;
  style.FrameBorderSize = 0.0F;
  style.WindowPadding = ImVec2(8.0F, 8.0F);
  style.FramePadding = ImVec2(6.0F, 4.0F);
  style.ItemSpacing = ImVec2(8.0F, 6.0F);
  style.WindowTitleAlign = ImVec2(0.0F, 0.5F);

  const ImVec4 accent = rgb(66, 133, 214);
  const ImVec4 accentHover = rgb(86, 153, 234);
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = rgb(222, 224, 228);
  c[ImGuiCol_TextDisabled] = rgb(128, 132, 140);
  c[ImGuiCol_WindowBg] = rgb(32, 34, 38);
  c[ImGuiCol_ChildBg] = rgb(32, 34, 38);
  c[ImGuiCol_PopupBg] = rgb(38, 40, 45, 0.98F);
  c[ImGuiCol_Border] = rgb(52, 55, 61);
  c[ImGuiCol_FrameBg] = rgb(45, 48, 54);
  c[ImGuiCol_FrameBgHovered] = rgb(55, 59, 66);
  c[ImGuiCol_FrameBgActive] = rgb(62, 67, 75);
  c[ImGuiCol_TitleBg] = rgb(26, 28, 31);
  c[ImGuiCol_TitleBgActive] = rgb(30, 33, 37);
  c[ImGuiCol_TitleBgCollapsed] = rgb(26, 28, 31);
  c[ImGuiCol_MenuBarBg] = rgb(26, 28, 31);
  c[ImGuiCol_ScrollbarBg] = rgb(28, 30, 33);
  c[ImGuiCol_CheckMark] = accentHover;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = accentHover;
  c[ImGuiCol_Button] = rgb(50, 54, 61);
  c[ImGuiCol_ButtonHovered] = rgb(62, 67, 76);
  c[ImGuiCol_ButtonActive] = accent;
  c[ImGuiCol_Header] = rgb(50, 54, 61);
  c[ImGuiCol_HeaderHovered] = rgb(62, 67, 76);
  c[ImGuiCol_HeaderActive] = accent;
  c[ImGuiCol_Separator] = rgb(52, 55, 61);
  c[ImGuiCol_ResizeGrip] = rgb(66, 133, 214, 0.25F);
  c[ImGuiCol_ResizeGripHovered] = rgb(66, 133, 214, 0.6F);
  c[ImGuiCol_ResizeGripActive] = accent;
  c[ImGuiCol_Tab] = rgb(38, 41, 46);
  c[ImGuiCol_TabHovered] = rgb(62, 67, 76);
  c[ImGuiCol_TabActive] = rgb(50, 54, 61);
  c[ImGuiCol_NavHighlight] = accent;
}

void loadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  constexpr const char* k_font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::error_code ec;
  if (std::filesystem::exists(k_font, ec)) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 2;
    if (io.Fonts->AddFontFromFileTTF(k_font, 15.0F, &config) != nullptr) {
      return;
    }
  }
  io.Fonts->AddFontDefault();
}

}  // namespace fuselabel::gui

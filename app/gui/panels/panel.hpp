#pragma once
// Base of every dockable-looking panel: the window walks a list of these each
// frame. A panel gets the services it needs through its constructor and draws
// only its own contents; Begin/End, visibility and the first-run placement are
// handled here once.

#include <imgui.h>

#include <string>

namespace fuselabel::gui {

/// Where a panel goes the first time (later runs restore it from the ini file),
/// as fractions of the area between the menu bar and the status bar.
struct PanelPlacement {
  float x = 0.0F;
  float y = 0.0F;
  float width = 0.3F;
  float height = 0.3F;
};

class Panel {
 public:
  Panel(std::string title, PanelPlacement placement)
      : m_title(std::move(title)), m_placement(placement) {}
  Panel(const Panel&) = delete;
  Panel& operator=(const Panel&) = delete;
  Panel(Panel&&) = delete;
  Panel& operator=(Panel&&) = delete;
  virtual ~Panel() = default;

  /// Draws the panel window if visible. Called once per frame by the window.
  void show();

  [[nodiscard]] const std::string& title() const noexcept { return m_title; }
  [[nodiscard]] bool visible() const noexcept { return m_visible; }
  void setVisible(bool visible) noexcept { m_visible = visible; }
  /// Changes the first-run placement (before the panel is first shown).
  void setPlacement(const PanelPlacement& placement) noexcept { m_placement = placement; }
  /// Moves and resizes the panel to `placement` the next time it is shown.
  void placeNow(const PanelPlacement& placement) noexcept {
    m_placement = placement;
    m_placeAlways = true;
  }
  /// Whether the ini file remembers where this panel was.
  [[nodiscard]] bool placementRemembered() const;

 protected:
  virtual void drawContents() = 0;
  [[nodiscard]] virtual ImGuiWindowFlags windowFlags() const { return ImGuiWindowFlags_None; }
  /// Extra window padding in pixels, or negative for the theme's default.
  [[nodiscard]] virtual float windowPadding() const { return -1.0F; }
  /// Sets the next window's position and size before Begin(); the default
  /// applies the first-run placement (later runs restore the ini file's).
  virtual void placeWindow();
  /// The first-run placement rectangle in screen pixels.
  void placementRect(ImVec2& pos, ImVec2& size) const;

 private:
  std::string m_title;
  PanelPlacement m_placement;
  bool m_visible = true;
  bool m_placeAlways = false;
};

}  // namespace fuselabel::gui

#pragma once
// The class a new box or lane gets: number keys 1-9 pick one of nine
// classes, 0 goes back to guessing the class from the fitted size. The nine
// are the schema's most common classes unless the key config names others.

#include <string>
#include <vector>

#include "core/annotation/label_schema.hpp"
#include "core/util/result.hpp"

namespace fuselabel::gui {

class ClassPalette {
 public:
  /// The default nine cuboid classes of the built-in schema.
  ClassPalette();
  /// Nine (or fewer) classes for keys 1..9; unknown or non-cuboid names are
  /// an error naming them.
  static Result<ClassPalette> fromNames(const std::vector<std::string>& names,
                                        const LabelSchema& schema);

  /// Classes on keys 1.. in order.
  [[nodiscard]] const std::vector<std::string>& classes() const noexcept { return m_classes; }
  /// The class chosen for new boxes; empty: guessed from the size.
  [[nodiscard]] const std::string& chosen() const noexcept { return m_chosen; }
  /// Chooses the class on key `digit` (1..9), or "guess" for 0. False when the key has no class.
  bool choose(int digit);
  /// Chooses `className` directly (the palette window's buttons).
  void chooseClass(std::string className) { m_chosen = std::move(className); }
  /// Lane class for new polylines (lane_solid unless chosen).
  [[nodiscard]] const std::string& laneClass() const noexcept { return m_laneClass; }
  void chooseLaneClass(std::string className) { m_laneClass = std::move(className); }

 private:
  std::vector<std::string> m_classes;
  std::string m_chosen;
  std::string m_laneClass = "lane_solid";
};

}  // namespace fuselabel::gui

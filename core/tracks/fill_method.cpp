#include "core/tracks/fill_method.hpp"

#include <array>
#include <utility>

namespace fuselabel {
namespace {

constexpr std::array kMethodNames{
    std::pair{FillMethod::Copy, std::string_view("copy")},
    std::pair{FillMethod::Linear, std::string_view("linear")},
    std::pair{FillMethod::Kalman, std::string_view("kalman")},
    std::pair{FillMethod::KalmanFit, std::string_view("kalman-fit")},
};

constexpr std::array kModelNames{
    std::pair{MotionModel::ConstantVelocity, std::string_view("cv")},
    std::pair{MotionModel::ConstantTurnRate, std::string_view("ctrv")},
};

}  // namespace

std::string_view toString(FillMethod method) noexcept {
  for (const auto& [m, name] : kMethodNames)
    if (m == method) return name;
  return "?";
}

std::optional<FillMethod> parseFillMethod(std::string_view text) noexcept {
  for (const auto& [m, name] : kMethodNames)
    if (name == text) return m;
  return std::nullopt;
}

std::string_view toString(MotionModel model) noexcept {
  for (const auto& [m, name] : kModelNames)
    if (m == model) return name;
  return "?";
}

std::optional<MotionModel> parseMotionModel(std::string_view text) noexcept {
  for (const auto& [m, name] : kModelNames)
    if (name == text) return m;
  return std::nullopt;
}

}  // namespace fuselabel

#include "app/cli/commands/quality_json.hpp"

#include <cmath>
#include <cstdio>

namespace fuselabel::cli {
namespace {

nlohmann::json vector3(const Eigen::Vector3d& v) {
  return {v.x(), v.y(), v.z()};
}

// JSON has no NaN: an undefined value is null.
nlohmann::json numberOrNull(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

void printLine(const char* name, const ClassAgreement& c) {
  const Eigen::Vector3d size = c.meanSizeError();
  std::printf(
      "%-20s %6zu %6zu %6zu %6.3f %6.3f %7.3f %7.3f %7.3f %5.2f/%4.2f/%4.2f %7.2f %4zu %4zu\n",
      name, c.boxesA, c.boxesB, c.matches, c.precision(), c.recall(), c.meanIou3d(), c.meanIouBev(),
      c.meanCentreError(), size.x(), size.y(), size.z(),
      c.meanYawError() * 180.0 / 3.14159265358979323846, c.idSwitches, c.fragmentations);
}

}  // namespace

double defaultEvalIou(const std::string& className, const LabelSchema& schema) {
  const ClassSpec* spec = schema.findClass(className);
  if (spec == nullptr || spec->category != "vehicle") return 0.5;
  return className == "bicycle" || className == "motorcycle" ? 0.5 : 0.7;
}

nlohmann::json boxJson(const LabeledBox& box) {
  return {{"frame", box.frame}, {"class", box.className}, {"object", box.number}};
}

nlohmann::json classAgreementJson(const ClassAgreement& c) {
  return {{"boxes_a", c.boxesA},
          {"boxes_b", c.boxesB},
          {"matches", c.matches},
          {"unmatched_a", c.unmatchedA},
          {"unmatched_b", c.unmatchedB},
          {"precision", c.precision()},
          {"recall", c.recall()},
          {"mean_iou3d", c.meanIou3d()},
          {"mean_iou_bev", c.meanIouBev()},
          {"mean_centre_error_m", c.meanCentreError()},
          {"mean_size_error_m", vector3(c.meanSizeError())},
          {"mean_yaw_error_rad", c.meanYawError()},
          {"id_switches", c.idSwitches},
          {"fragmentations", c.fragmentations},
          {"mota", numberOrNull(c.mota())}};
}

nlohmann::json agreementJson(const AgreementReport& report) {
  nlohmann::json matches = nlohmann::json::array();
  for (const AgreedPair& p : report.matches) {
    matches.push_back({{"frame", p.a.frame},
                       {"class", p.a.className},
                       {"class_b", p.b.className},
                       {"a", p.a.number},
                       {"b", p.b.number},
                       {"iou3d", p.iou3d},
                       {"iou_bev", p.iouBev},
                       {"centre_error_m", p.centreError},
                       {"size_error_m", vector3(p.sizeError)},
                       {"yaw_error_rad", p.yawError}});
  }
  nlohmann::json unmatchedA = nlohmann::json::array();
  for (const LabeledBox& box : report.unmatchedA)
    unmatchedA.push_back(boxJson(box));
  nlohmann::json unmatchedB = nlohmann::json::array();
  for (const LabeledBox& box : report.unmatchedB)
    unmatchedB.push_back(boxJson(box));
  nlohmann::json perClass = nlohmann::json::object();
  for (const auto& [name, c] : report.perClass)
    perClass[name] = classAgreementJson(c);
  nlohmann::json disagreements = nlohmann::json::array();
  for (const Disagreement& d : report.disagreements) {
    disagreements.push_back({{"frame", d.frame},
                             {"class", d.className},
                             {"a", d.numberA > 0 ? nlohmann::json(d.numberA) : nullptr},
                             {"b", d.numberB > 0 ? nlohmann::json(d.numberB) : nullptr},
                             {"what", d.what}});
  }
  return {{"matches", std::move(matches)},
          {"unmatched_a", std::move(unmatchedA)},
          {"unmatched_b", std::move(unmatchedB)},
          {"per_class", std::move(perClass)},
          {"total", classAgreementJson(report.total)},
          {"disagreements", std::move(disagreements)}};
}

void printAgreementTable(const AgreementReport& report) {
  std::printf("%-20s %6s %6s %6s %6s %6s %7s %7s %7s %14s %7s %4s %4s\n", "class", "A", "B",
              "match", "prec", "recall", "IoU3D", "IoUBEV", "centre", "size l/w/h", "yaw", "IDsw",
              "frag");
  for (const auto& [name, c] : report.perClass)
    printLine(name.c_str(), c);
  printLine("total", report.total);
  std::printf("(centre and size errors in m, yaw in degrees; means over matched pairs)\n");
}

}  // namespace fuselabel::cli

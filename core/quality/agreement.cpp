#include "core/quality/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"

namespace fuselabel {
namespace {

double ratio(double numerator, std::size_t denominator, double empty) {
  return denominator == 0 ? empty : numerator / static_cast<double>(denominator);
}

// `value` with `decimals` digits after the point.
std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void addMatch(ClassAgreement& c, const AgreedPair& pair) {
  ++c.matches;
  c.sumIou3d += pair.iou3d;
  c.sumIouBev += pair.iouBev;
  c.sumCentreError += pair.centreError;
  c.sumSizeError += pair.sizeError;
  c.sumYawError += pair.yawError;
}

// What differs between two matched boxes beyond the tolerances; empty when nothing.
std::string differences(const AgreedPair& pair, const AgreementOptions& options) {
  std::string what;
  const auto append = [&what](const std::string& part) {
    what += (what.empty() ? "" : ", ") + part;
  };
  if (pair.centreError > options.centreTolerance)
    append("centre " + fixed(pair.centreError, 2) + " m apart");
  const double sizeError = pair.sizeError.maxCoeff();
  if (sizeError > options.sizeTolerance) append("size differs by " + fixed(sizeError, 2) + " m");
  if (pair.yawError > options.yawTolerance)
    append("yaw differs by " + fixed(pair.yawError * 180.0 / 3.14159265358979323846, 1) + " deg");
  return what;
}

// The B box of another class lying where an unmatched A box is, so the list
// says "class differs" instead of two unrelated misses.
const LabeledBox* otherClassAt(const LabeledBox& box, const std::vector<LabeledBox>& others,
                               const std::vector<int>& unmatched) {
  const LabeledBox* best = nullptr;
  double bestIou = 0.25;
  for (const int j : unmatched) {
    const LabeledBox& other = others[static_cast<std::size_t>(j)];
    if (other.className == box.className) continue;
    const double iou = bevIou(box.box, other.box);
    if (iou > bestIou) {
      bestIou = iou;
      best = &other;
    }
  }
  return best;
}

}  // namespace

double ClassAgreement::precision() const {
  return ratio(static_cast<double>(matches), boxesB, 1.0);
}
double ClassAgreement::recall() const {
  return ratio(static_cast<double>(matches), boxesA, 1.0);
}
double ClassAgreement::meanIou3d() const {
  return ratio(sumIou3d, matches, 0.0);
}
double ClassAgreement::meanIouBev() const {
  return ratio(sumIouBev, matches, 0.0);
}
double ClassAgreement::meanCentreError() const {
  return ratio(sumCentreError, matches, 0.0);
}
Eigen::Vector3d ClassAgreement::meanSizeError() const {
  return matches == 0 ? Eigen::Vector3d::Zero()
                      : Eigen::Vector3d(sumSizeError / static_cast<double>(matches));
}
double ClassAgreement::meanYawError() const {
  return ratio(sumYawError, matches, 0.0);
}
double ClassAgreement::mota() const {
  if (boxesA == 0) return std::numeric_limits<double>::quiet_NaN();
  return 1.0 -
         static_cast<double>(unmatchedA + unmatchedB + idSwitches) / static_cast<double>(boxesA);
}

AgreementReport compareLabels(const Document& a, const Document& b, const LabelSchema& schema,
                              const AgreementOptions& options) {
  return compareBoxes(boxesByFrame(a, schema), boxesByFrame(b, schema), options);
}

AgreementReport compareBoxes(const std::map<FrameIndex, std::vector<LabeledBox>>& framesA,
                             const std::map<FrameIndex, std::vector<LabeledBox>>& framesB,
                             const AgreementOptions& options) {
  std::set<FrameIndex> frames;
  for (const auto& [frame, boxes] : framesA)
    frames.insert(frame);
  for (const auto& [frame, boxes] : framesB)
    frames.insert(frame);

  AgreementReport report;
  // Per A object: its frames in order with the B object matched there (0: none).
  struct TrackStep {
    FrameIndex frame;
    std::int64_t matchedB;
    std::int32_t numberB;
    const LabeledBox* a;
  };
  std::map<std::int64_t, std::vector<TrackStep>> stepsOfA;
  const std::vector<LabeledBox> none;
  for (const FrameIndex frame : frames) {
    const auto itA = framesA.find(frame);
    const auto itB = framesB.find(frame);
    const std::vector<LabeledBox>& boxesA = itA != framesA.end() ? itA->second : none;
    const std::vector<LabeledBox>& boxesB = itB != framesB.end() ? itB->second : none;
    for (const LabeledBox& box : boxesA) {
      ++report.perClass[box.className].boxesA;
      ++report.total.boxesA;
    }
    for (const LabeledBox& box : boxesB) {
      ++report.perClass[box.className].boxesB;
      ++report.total.boxesB;
    }
    const FrameMatching matching = matchBoxes(boxesA, boxesB, options.match);
    for (const BoxPair& p : matching.pairs) {
      AgreedPair pair{boxesA[static_cast<std::size_t>(p.a)],
                      boxesB[static_cast<std::size_t>(p.b)],
                      p.iou3d,
                      p.iouBev,
                      p.centreDistance,
                      Eigen::Vector3d::Zero(),
                      0.0};
      pair.sizeError = (pair.a.box.size - pair.b.box.size).cwiseAbs();
      pair.yawError = std::abs(angleDifference(pair.a.box.yaw(), pair.b.box.yaw()));
      addMatch(report.perClass[pair.a.className], pair);
      addMatch(report.total, pair);
      const std::string what = differences(pair, options);
      if (!what.empty())
        report.disagreements.push_back(
            {frame, pair.a.className, pair.a.number, pair.b.number, what});
      if (frame != kStaticFrame)
        stepsOfA[pair.a.object.value].push_back(
            {frame, pair.b.object.value, pair.b.number, &boxesA[static_cast<std::size_t>(p.a)]});
      report.matches.push_back(std::move(pair));
    }
    for (const int i : matching.unmatchedA) {
      const LabeledBox& box = boxesA[static_cast<std::size_t>(i)];
      ++report.perClass[box.className].unmatchedA;
      ++report.total.unmatchedA;
      const LabeledBox* other = otherClassAt(box, boxesB, matching.unmatchedB);
      report.disagreements.push_back(
          {frame, box.className, box.number, 0,
           other != nullptr ? "only in A (B has " + boxName(*other) + " there: class differs)"
                            : std::string("only in A")});
      if (frame != kStaticFrame) stepsOfA[box.object.value].push_back({frame, 0, 0, &box});
      report.unmatchedA.push_back(box);
    }
    for (const int j : matching.unmatchedB) {
      const LabeledBox& box = boxesB[static_cast<std::size_t>(j)];
      ++report.perClass[box.className].unmatchedB;
      ++report.total.unmatchedB;
      report.disagreements.push_back({frame, box.className, 0, box.number, "only in B"});
      report.unmatchedB.push_back(box);
    }
  }

  // ID switches and fragmentations along each A track (frames ascending).
  for (auto& entry : stepsOfA) {
    std::vector<TrackStep>& steps = entry.second;
    std::sort(steps.begin(), steps.end(),
              [](const TrackStep& x, const TrackStep& y) { return x.frame < y.frame; });
    const std::string& className = steps.front().a->className;
    const std::int32_t numberA = steps.front().a->number;
    ClassAgreement& perClass = report.perClass[className];
    std::int64_t lastB = 0;
    std::int32_t lastNumberB = 0;
    bool interrupted = false;
    for (const TrackStep& step : steps) {
      if (step.matchedB == 0) {
        interrupted = lastB != 0;
        continue;
      }
      if (lastB != 0 && step.matchedB != lastB) {
        ++perClass.idSwitches;
        ++report.total.idSwitches;
        report.disagreements.push_back({step.frame, className, numberA, step.numberB,
                                        "ID switch: matched B " + std::to_string(lastNumberB) +
                                            " before, B " + std::to_string(step.numberB) + " now"});
      }
      if (interrupted) {
        ++perClass.fragmentations;
        ++report.total.fragmentations;
        interrupted = false;
      }
      lastB = step.matchedB;
      lastNumberB = step.numberB;
    }
  }
  std::stable_sort(report.disagreements.begin(), report.disagreements.end(),
                   [](const Disagreement& x, const Disagreement& y) { return x.frame < y.frame; });
  return report;
}

}  // namespace fuselabel

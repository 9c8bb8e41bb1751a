// Quality measures on hand-made cases whose answers are worked out by hand:
// optimal matching, ID switches and fragmentations, AP (including tied scores
// and empty classes), the validation rules and the consensus of annotators.

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "core/annotation/document_editor.hpp"
#include "core/quality/agreement.hpp"
#include "core/quality/consensus.hpp"
#include "core/quality/detection_ap.hpp"
#include "core/quality/quality_rules.hpp"

namespace fuselabel {
namespace {

// A unit cube (1 m² footprint) at x, the shape whose IoU under a shift d along
// x is (1 − d) / (1 + d).
Cuboid cubeAt(double x, double y = 0.0) {
  return Cuboid::fromYaw({x, y, 0.5}, {1, 1, 1}, 0.0);
}

Cuboid carAt(double x, double y = 0.0, double yaw = 0.0) {
  return Cuboid::fromYaw({x, y, 0.8}, {4.5, 1.9, 1.6}, yaw);
}

void addBox(Document& document, std::int64_t id, const std::string& className, FrameIndex frame,
            const Cuboid& box, std::optional<double> confidence = std::nullopt) {
  DocumentEditor editor(document);
  if (editor.track(ObjectId{id}) == nullptr) {
    Track track;
    track.object.id = ObjectId{id};
    track.object.number = static_cast<std::int32_t>(id);
    track.object.className = className;
    ASSERT_TRUE(editor.insertTrack(std::move(track)));
  }
  Instance instance;
  instance.frame = frame;
  instance.geometry = box;
  instance.confidence = confidence;
  editor.putInstance(ObjectId{id}, std::move(instance));
}

LabeledBox labeled(std::int64_t id, const std::string& className, FrameIndex frame,
                   const Cuboid& box, std::optional<double> score = std::nullopt) {
  return {ObjectId{id}, static_cast<std::int32_t>(id), className, frame, box, score};
}

Document withTimes(int frames) {
  DocumentInfo info;
  for (int f = 0; f < frames; ++f)
    info.frameTimestampsNs.push_back(f * 100'000'000LL);
  return Document(info);
}

TEST(BoxMatching, MakesTheMostPairsWhereGreedyWouldNot) {
  // a1–b1 IoU 0.905 (the best single pair), a1–b2 and a2–b1 IoU 0.6, a2–b2
  // below 0.5: greedy takes a1–b1 and strands a2; the optimum pairs both.
  const std::vector<LabeledBox> a = {labeled(1, "car", 0, cubeAt(0.0)),
                                     labeled(2, "car", 0, cubeAt(-0.2))};
  const std::vector<LabeledBox> b = {labeled(1, "car", 0, cubeAt(0.05)),
                                     labeled(2, "car", 0, cubeAt(0.25))};
  MatchOptions options;
  options.smallCentreGate = 0.0;
  const FrameMatching m = matchBoxes(a, b, options);
  ASSERT_EQ(m.pairs.size(), 2U);
  EXPECT_EQ(m.pairs[0].a, 0);
  EXPECT_EQ(m.pairs[0].b, 1);
  EXPECT_EQ(m.pairs[1].a, 1);
  EXPECT_EQ(m.pairs[1].b, 0);
  EXPECT_NEAR(m.pairs[0].iou3d, 0.75 / 1.25, 1e-12);
  EXPECT_TRUE(m.unmatchedA.empty());
  EXPECT_TRUE(m.unmatchedB.empty());
}

TEST(BoxMatching, ClassesMustAgreeAndSmallBoxesMatchByCentre) {
  const std::vector<LabeledBox> a = {labeled(1, "traffic_cone", 0, cubeAt(0.0)),
                                     labeled(2, "car", 0, carAt(10.0))};
  // Cone moved 0.45 m: IoU 0.38 < 0.5, but a small box within 0.5 m. The
  // truck sits exactly on the car.
  const std::vector<LabeledBox> b = {labeled(1, "traffic_cone", 0, cubeAt(0.45)),
                                     labeled(2, "truck", 0, carAt(10.0))};
  const FrameMatching m = matchBoxes(a, b, MatchOptions{});
  ASSERT_EQ(m.pairs.size(), 1U);
  EXPECT_EQ(m.pairs[0].a, 0);
  EXPECT_NEAR(m.pairs[0].iou3d, 0.55 / 1.45, 1e-12);
  EXPECT_EQ(m.unmatchedA, std::vector<int>{1});
  EXPECT_EQ(m.unmatchedB, std::vector<int>{1});
  MatchOptions noGate;
  noGate.smallCentreGate = 0.0;
  EXPECT_TRUE(matchBoxes(a, b, noGate).pairs.empty());
}

TEST(Agreement, CountsIdSwitchesFragmentationsAndMota) {
  // A: one car through frames 0–4. B: object 7 at frames 0–1, nothing at 2,
  // object 9 at 3–4: one miss, one ID switch, one fragmentation.
  Document a = withTimes(5);
  Document b = withTimes(5);
  for (int f = 0; f < 5; ++f)
    addBox(a, 1, "car", f, carAt(2.0 * f));
  addBox(b, 7, "car", 0, carAt(0.0));
  addBox(b, 7, "car", 1, carAt(2.0));
  addBox(b, 9, "car", 3, carAt(6.1));
  addBox(b, 9, "car", 4, carAt(8.0, 0.0, 0.3));
  const AgreementReport r = compareLabels(a, b, defaultLabelSchema());
  const ClassAgreement& car = r.perClass.at("car");
  EXPECT_EQ(car.matches, 4U);
  EXPECT_EQ(car.unmatchedA, 1U);
  EXPECT_EQ(car.unmatchedB, 0U);
  EXPECT_EQ(car.idSwitches, 1U);
  EXPECT_EQ(car.fragmentations, 1U);
  EXPECT_DOUBLE_EQ(car.precision(), 1.0);
  EXPECT_DOUBLE_EQ(car.recall(), 0.8);
  EXPECT_DOUBLE_EQ(car.mota(), 1.0 - 2.0 / 5.0);
  EXPECT_NEAR(car.meanCentreError(), 0.1 / 4.0, 1e-12);
  EXPECT_NEAR(car.meanYawError(), 0.3 / 4.0, 1e-12);
  // The list names the miss, the switch and the rotated box.
  std::vector<std::string> what;
  for (const Disagreement& d : r.disagreements)
    what.push_back(d.what);
  ASSERT_EQ(what.size(), 3U);
  EXPECT_EQ(what[0], "only in A");
  EXPECT_EQ(what[1], "ID switch: matched B 7 before, B 9 now");
  EXPECT_EQ(what[2], "yaw differs by 17.2 deg");
}

ClassDetections detections(std::vector<LabeledBox> truth, std::vector<LabeledBox> predictions) {
  ClassDetections d;
  for (LabeledBox& box : truth)
    d.groundTruth.push_back({std::move(box), false});
  d.predictions = std::move(predictions);
  return d;
}

TEST(AveragePrecision, HandComputedAllPointsValue) {
  // 3 GT; predictions 0.9 hit, 0.8 miss, 0.7 hit: curve (1/3, 1), (1/3, 1/2),
  // (2/3, 2/3); envelope 1, 2/3, 2/3; AP = 1/3 · 1 + 0 + 1/3 · 2/3 = 5/9.
  const auto d =
      detections({labeled(1, "car", 0, carAt(0)), labeled(2, "car", 0, carAt(10)),
                  labeled(3, "car", 1, carAt(0))},
                 {labeled(11, "car", 0, carAt(0.1), 0.9), labeled(12, "car", 0, carAt(30), 0.8),
                  labeled(13, "car", 1, carAt(0.2), 0.7)});
  const ApResult r = averagePrecision(d, ApCriterion::Iou3d, 0.7);
  ASSERT_TRUE(r.ap);
  EXPECT_NEAR(*r.ap, 5.0 / 9.0, 1e-12);
  EXPECT_EQ(r.groundTruth, 3U);
  EXPECT_EQ(r.truePositives, 2U);
  ASSERT_EQ(r.curve.size(), 3U);
  EXPECT_DOUBLE_EQ(r.curve[1].precision, 0.5);
}

TEST(AveragePrecision, TiedScoresAreOneStepWhateverTheirOrder) {
  // 2 GT; a hit and a miss tied at 0.9, a hit at 0.5: points (1/2, 1/2),
  // (1, 2/3); AP = 1/2 · 2/3 + 1/2 · 2/3 = 2/3. (Taking the tied hit first
  // would give 5/6, the miss first 2/3: ties must not depend on order.)
  auto d =
      detections({labeled(1, "car", 0, carAt(0)), labeled(2, "car", 1, carAt(0))},
                 {labeled(11, "car", 0, carAt(0.1), 0.9), labeled(12, "car", 0, carAt(40), 0.9),
                  labeled(13, "car", 1, carAt(0.1), 0.5)});
  const ApResult r = averagePrecision(d, ApCriterion::Iou3d, 0.7);
  ASSERT_TRUE(r.ap);
  EXPECT_NEAR(*r.ap, 2.0 / 3.0, 1e-12);
  EXPECT_EQ(r.curve.size(), 2U);
  std::swap(d.predictions[0], d.predictions[1]);
  EXPECT_NEAR(*averagePrecision(d, ApCriterion::Iou3d, 0.7).ap, 2.0 / 3.0, 1e-12);
  // A duplicate of a found box is a false positive: 1 GT, hits at 0.9 and 0.8 → AP 1.
  const auto duplicate =
      detections({labeled(1, "car", 0, carAt(0))},
                 {labeled(11, "car", 0, carAt(0.1), 0.9), labeled(12, "car", 0, carAt(0.2), 0.8)});
  const ApResult dup = averagePrecision(duplicate, ApCriterion::IouBev, 0.7);
  EXPECT_DOUBLE_EQ(*dup.ap, 1.0);
  EXPECT_DOUBLE_EQ(dup.curve.back().precision, 0.5);
}

TEST(AveragePrecision, EmptyClassesAndIgnoredTruth) {
  // No ground truth: no AP, whatever the predictions.
  EXPECT_FALSE(averagePrecision(detections({}, {labeled(1, "car", 0, carAt(0), 0.5)}),
                                ApCriterion::Iou3d, 0.7)
                   .ap);
  EXPECT_FALSE(averagePrecision(detections({}, {}), ApCriterion::Iou3d, 0.7).ap);
  // Ground truth but no predictions: AP 0.
  const ApResult none =
      averagePrecision(detections({labeled(1, "car", 0, carAt(0))}, {}), ApCriterion::Iou3d, 0.7);
  ASSERT_TRUE(none.ap);
  EXPECT_DOUBLE_EQ(*none.ap, 0.0);
  // A prediction on an ignored box is dropped: neither a hit nor a miss.
  ClassDetections d =
      detections({labeled(1, "car", 0, carAt(0))},
                 {labeled(11, "car", 0, carAt(0.1), 0.9), labeled(12, "car", 0, carAt(20.1), 0.8)});
  d.groundTruth.push_back({labeled(2, "car", 0, carAt(20)), true});
  const ApResult r = averagePrecision(d, ApCriterion::Iou3d, 0.7);
  EXPECT_EQ(r.groundTruth, 1U);
  EXPECT_EQ(r.predictions, 1U);
  EXPECT_DOUBLE_EQ(*r.ap, 1.0);
}

TEST(AveragePrecision, CentreDistanceThresholds) {
  // Centre 1.5 m off: a miss at 0.5 and 1 m, a hit at 2 and 4 m.
  const auto d = detections({labeled(1, "pedestrian", 0, cubeAt(0))},
                            {labeled(11, "pedestrian", 0, cubeAt(1.5), 0.6)});
  EXPECT_DOUBLE_EQ(*averagePrecision(d, ApCriterion::CentreDistance, 1.0).ap, 0.0);
  EXPECT_DOUBLE_EQ(*averagePrecision(d, ApCriterion::CentreDistance, 2.0).ap, 1.0);
}

std::vector<std::string> rulesOf(const std::vector<QualityFinding>& findings) {
  std::vector<std::string> rules;
  for (const QualityFinding& f : findings)
    rules.push_back(f.rule);
  return rules;
}

TEST(QualityRules, OverlapGapAndLaneCrossing) {
  Document d = withTimes(5);
  for (int f : {0, 1, 4})
    addBox(d, 1, "car", f, carAt(3.0 * f));
  addBox(d, 2, "car", 1, carAt(3.5));  // overlaps car 1 at frame 1 (IoU 0.8 / 1.2 ≈ 0.6)
  {
    DocumentEditor editor(d);
    Track lane;
    lane.object = {ObjectId{3}, 3, "lane_solid", {}};
    Instance crossing;
    crossing.frame = kStaticFrame;
    crossing.geometry = Polyline{{{0, 0, 0}, {10, 0, 0}, {10, 5, 0}, {5, -5, 0}}, false, {}};
    lane.instances.push_back(crossing);
    ASSERT_TRUE(editor.insertTrack(lane));
    Track straight;
    straight.object = {ObjectId{4}, 4, "lane_solid", {}};
    Instance line;
    line.frame = kStaticFrame;
    line.geometry = Polyline{{{0, 3, 0}, {10, 3.2, 0}, {20, 3.1, 0}, {30, 3.5, 0}}, false, {}};
    straight.instances.push_back(line);
    ASSERT_TRUE(editor.insertTrack(straight));
  }
  QualityRuleConfig config;
  config.levels["missing_attribute"] = RuleLevel::Off;  // hand-made labels carry none
  config.levels["speed"] = RuleLevel::Off;
  const auto findings = runQualityRules(d, defaultLabelSchema(), config, {});
  EXPECT_EQ(rulesOf(findings),
            (std::vector<std::string>{"overlap", "track_gap", "lane_self_crossing"}));
  EXPECT_EQ(findings[0].severity, FindingSeverity::Error);
  EXPECT_EQ(findings[0].frame, 1);
  EXPECT_NE(findings[0].message.find("overlaps car 2"), std::string::npos) << findings[0].message;
  EXPECT_EQ(findings[1].frame, 2);
  EXPECT_NE(findings[1].message.find("frames 2-3"), std::string::npos) << findings[1].message;
  EXPECT_EQ(findings[1].severity, FindingSeverity::Warning);
  EXPECT_EQ(findings[2].object, ObjectId{3});
  // Levels from an override file.
  auto overridden = applyRuleOverrides(
      config, R"({"rules": {"overlap": "off", "track_gap": "error"}, "max_gap_frames": 1})",
      "rules.json");
  ASSERT_TRUE(overridden) << overridden.error().message;
  const auto after = runQualityRules(d, defaultLabelSchema(), *overridden, {});
  EXPECT_EQ(rulesOf(after), (std::vector<std::string>{"track_gap", "lane_self_crossing"}));
  EXPECT_EQ(after[0].severity, FindingSeverity::Error);
  overridden->maxGapFrames = 2;
  EXPECT_EQ(rulesOf(runQualityRules(d, defaultLabelSchema(), *overridden, {})),
            (std::vector<std::string>{"lane_self_crossing"}));
}

TEST(QualityRules, PointAndGroundRulesUseTheEvidence) {
  Document d = withTimes(4);
  for (int f = 0; f < 4; ++f)
    addBox(d, 1, "car", f, carAt(1.0 * f));  // bottom at z = 0
  // Frame 0 empty, 1 three points, 2 ground 0.3 m above the bottom, 3 ground 0.5 m below.
  const BoxEvidenceFunction evidence = [](const Track&, const Instance& instance) {
    switch (instance.frame) {
      case 0:
        return std::optional<BoxEvidence>(BoxEvidence{0, 0.0});
      case 1:
        return std::optional<BoxEvidence>(BoxEvidence{3, 0.0});
      case 2:
        return std::optional<BoxEvidence>(BoxEvidence{50, 0.3});
      default:
        return std::optional<BoxEvidence>(BoxEvidence{50, -0.5});
    }
  };
  QualityRuleConfig config;
  config.levels["missing_attribute"] = RuleLevel::Off;
  const auto findings = runQualityRules(d, defaultLabelSchema(), config, evidence);
  EXPECT_EQ(rulesOf(findings),
            (std::vector<std::string>{"empty_box", "few_points", "below_ground", "floating"}));
  for (std::size_t i = 0; i < findings.size(); ++i)
    EXPECT_EQ(findings[i].frame, int(i));
  EXPECT_NE(findings[2].message.find("car 1, frame 2: bottom 0.30 m below the ground"),
            std::string::npos)
      << findings[2].message;
}

TEST(QualityRules, BadOverridesNameTheFileAndKey) {
  const QualityRuleConfig config;
  auto unknown = applyRuleOverrides(config, R"({"rules": {"wobble": "error"}})", "my.json");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "my.json: /rules/wobble: unknown rule");
  EXPECT_FALSE(applyRuleOverrides(config, "{not json", "my.json"));
  EXPECT_FALSE(applyRuleOverrides(config, R"({"min_points": -1})", "my.json"));
  EXPECT_FALSE(applyRuleOverride(config, "overlap=loud"));
  auto ok = applyRuleOverride(config, "floating=error");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->levels.at("floating"), RuleLevel::Error);
}

TEST(Consensus, MedianBoxMajorityClassAndFlagsWeakAgreement) {
  // Three annotators label one car (one calls it a truck, one is 0.3 m off);
  // only the third labels a cone.
  Document a = withTimes(1), b = withTimes(1), c = withTimes(1);
  addBox(a, 1, "car", 0, carAt(10.0, 0.0, 0.00));
  addBox(b, 5, "truck", 0, carAt(10.1, 0.0, 0.02));
  addBox(c, 8, "car", 0, carAt(10.3, 0.1, 0.04));
  addBox(c, 9, "traffic_cone", 0, cubeAt(-5.0, 3.0));
  const std::vector<const Document*> annotators = {&a, &b, &c};
  const ConsensusResult r = buildConsensus(annotators, defaultLabelSchema());
  ASSERT_EQ(r.document.objectCount(), 2U);
  EXPECT_EQ(r.instances, 2U);
  EXPECT_EQ(r.flagged, 1U);
  const Track& car = r.document.tracks()[0];
  EXPECT_EQ(car.object.className, "car");
  const Instance& merged = car.instances.at(0);
  const Cuboid& box = std::get<Cuboid>(merged.geometry);
  EXPECT_NEAR(box.center.x(), 10.1, 1e-12);  // median of 10, 10.1, 10.3
  EXPECT_NEAR(box.center.y(), 0.0, 1e-12);
  EXPECT_NEAR(box.yaw(),
              std::atan2(std::sin(0.0) + std::sin(0.02) + std::sin(0.04),
                         std::cos(0.0) + std::cos(0.02) + std::cos(0.04)),
              1e-12);
  ASSERT_TRUE(merged.confidence);
  EXPECT_GT(*merged.confidence, 0.8);
  EXPECT_EQ(merged.review.state, ReviewState::Unreviewed);
  const Instance& cone = r.document.tracks()[1].instances.at(0);
  EXPECT_EQ(r.document.tracks()[1].object.className, "traffic_cone");
  EXPECT_NEAR(*cone.confidence, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(cone.review.state, ReviewState::NeedsFix);
}

TEST(Consensus, TracksFollowTheAnnotatorsAndAFlippedHeadingCountsZero) {
  Document a = withTimes(3), b = withTimes(3);
  for (int f = 0; f < 3; ++f) {
    addBox(a, 1, "car", f, carAt(2.0 * f));
    addBox(a, 2, "car", f, carAt(2.0 * f, 6.0));
    addBox(b, 4, "car", f, carAt(2.0 * f + 0.05));
    // B's second car has its heading flipped at frame 2.
    addBox(b, 6, "car", f, carAt(2.0 * f, 6.0, f == 2 ? std::numbers::pi : 0.0));
  }
  const std::vector<const Document*> annotators = {&a, &b};
  const ConsensusResult r = buildConsensus(annotators, defaultLabelSchema());
  ASSERT_EQ(r.document.objectCount(), 2U);
  for (const Track& track : r.document.tracks())
    EXPECT_EQ(track.instances.size(), 3U);
  // Merged tracks are numbered by first appearance and score: find the one at y = 6.
  const Track& second =
      std::get<Cuboid>(r.document.tracks()[0].instances[0].geometry).center.y() > 3.0
          ? r.document.tracks()[0]
          : r.document.tracks()[1];
  for (const Instance& instance : second.instances)
    EXPECT_NEAR(std::get<Cuboid>(instance.geometry).center.y(), 6.0, 1e-12);
  const Instance& flipped = second.instances[2];
  EXPECT_EQ(flipped.review.state, ReviewState::NeedsFix);
  EXPECT_NEAR(*flipped.confidence, 0.5, 1e-12);  // (2/2) × mean(IoU 1, flipped 0)
  EXPECT_EQ(r.flagged, 1U);
}

}  // namespace
}  // namespace fuselabel

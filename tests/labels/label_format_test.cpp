// Label formats on small hand-made inputs: the coordinate conventions of each
// format checked against hand-computed values, the special cases (DontCare,
// Person_sitting, non-positive sizes, 9-value cuboids, missing keyframe flags,
// both intrinsics spellings), errors that name the file and place, and the
// exported OpenLABEL checked against schemas/openlabel_schema_v1.json.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <numbers>

#include <nlohmann/json.hpp>

#include "calib/readers/kitti_calibration.hpp"
#include "core/annotation/document_editor.hpp"
#include "core/annotation/label_schema.hpp"
#include "core/annotation/schema_validation.hpp"
#include "datasets/labels/label_io.hpp"
#include "labels/json_schema_subset.hpp"
#include "support/run_command.hpp"
#include "support/scratch_dir.hpp"

namespace fuselabel {
namespace {

std::filesystem::path scratch(const std::string& name) {
  return fuselabel::test::processScratchDir("labels") / name;
}

void writeText(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

std::string readText(const std::filesystem::path& path) {
  std::ifstream stream(path);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

/// Rectified cam0 at the ego origin, level: x right = −ego y, y down = −ego z, z forward = ego x.
KittiCamera levelCamera() {
  KittiCamera camera;
  Eigen::Matrix3d axes;
  axes << 0, 0, 1, -1, 0, 0, 0, -1, 0;
  camera.T_ego_rect0.linear() = axes;
  camera.P2 << 700, 0, 600, 40, 0, 700, 180, 0, 0, 0, 1, 0;
  camera.width = 1200;
  camera.height = 360;
  return camera;
}

LabelContext kittiContext(const std::vector<std::string>& ids) {
  LabelContext context;
  for (const auto& id : ids)
    context.frames.push_back({id, 0, Eigen::Isometry3d::Identity()});
  const KittiCamera camera = levelCamera();
  context.kittiCamera = [camera](std::size_t) -> Result<KittiCamera> { return camera; };
  return context;
}

const Track& onlyTrack(const Document& d, std::size_t i = 0) {
  return d.tracks()[i];
}
const Cuboid& boxOf(const Track& t, std::size_t i = 0) {
  return std::get<Cuboid>(t.instances[i].geometry);
}

TEST(KittiLabels, BottomCentreInCameraBecomesWorldCentre) {
  const auto folder = scratch("kitti_known") / "label_2";
  writeText(folder / "000003.txt", "Car 0.00 0 0.2 10 20 30 40 1.5 1.6 4.0 1 2 10 0.5\n");
  auto read = readLabels(folder, kittiContext({"000001", "000003"}), "kitti");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->document.objectCount(), 1U);
  const Track& car = onlyTrack(read->document);
  EXPECT_EQ(car.object.className, "car");
  EXPECT_EQ(car.instances[0].frame, 1);
  const Cuboid& box = boxOf(car);
  // Centre: h/2 above the bottom centre (cam −y), then cam (x, y, z) → ego (z, −x, −y).
  EXPECT_NEAR((box.center - Eigen::Vector3d(10, -1, -1.25)).norm(), 0, 1e-12);
  EXPECT_NEAR((box.size - Eigen::Vector3d(4.0, 1.6, 1.5)).norm(), 0, 1e-12);
  // rotation_y 0 faces cam +x = ego −y (yaw −π/2); rotation_y turns about cam y (down) = ego −z.
  EXPECT_NEAR(box.yaw(), -std::numbers::pi / 2 - 0.5, 1e-12);
  EXPECT_EQ(std::get<std::string>(*car.instances[0].attributes.find("occlusion")), "none");
}

TEST(KittiLabels, ExportComputesAlphaTwoDBoxAndTruncation) {
  LabelContext context = kittiContext({"000000"});
  Document document;
  Track track;
  track.object = {ObjectId{1}, 1, "car", {}};
  Instance instance;
  instance.geometry = Cuboid::fromYaw({20, 17, 0}, {4, 1.8, 1.5}, 0.3);  // partly left of the image
  track.instances.push_back(instance);
  DocumentEditor(document).insertTrack(track);
  const auto folder = scratch("kitti_export") / "label_2";
  auto written = writeLabels(document, folder, context, "kitti");
  ASSERT_TRUE(written) << written.error().message;
  std::istringstream line(readText(folder / "000000.txt"));
  std::string type;
  double truncated, occluded, alpha, l, t, r, b, h, w, len, x, y, z, ry;
  line >> type >> truncated >> occluded >> alpha >> l >> t >> r >> b >> h >> w >> len >> x >> y >>
      z >> ry;
  EXPECT_EQ(type, "Car");
  EXPECT_NEAR(ry, -std::numbers::pi / 2 - 0.3, 1e-12);
  EXPECT_NEAR(alpha, ry - std::atan2(x, z), 1e-12);
  EXPECT_NEAR(x, -17, 1e-12);
  EXPECT_NEAR(y, 0.75, 1e-12);  // bottom centre: h/2 below the centre (cam +y)
  EXPECT_NEAR(z, 20, 1e-12);
  EXPECT_GE(l, 0);
  EXPECT_LE(r, 1199);
  EXPECT_LT(l, r);
  EXPECT_GT(truncated, 0.0);  // the box leaves the image on the left
  EXPECT_LT(truncated, 1.0);
  EXPECT_EQ(occluded, 3);  // no occlusion attribute: unknown
}

TEST(KittiLabels, DontCarePersonSittingAndBadSizesAreKept) {
  const auto folder = scratch("kitti_special") / "label_2";
  writeText(folder / "000000.txt",
            "Person_sitting 0.1 1 0.3 1 2 3 4 1.2 0.6 0.8 -2 1.6 8 0.1\n"
            "DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10\n"
            "Car 0 0 0 0 0 0 0 0 1.6 4 1 1.6 10 0\n"
            "Zeppelin 0 0 0 0 0 0 0 5 5 50 1 -10 80 0\n");
  const LabelContext context = kittiContext({"000000"});
  auto read = readLabels(folder, context, "kitti");
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->document.objectCount(), 4U);
  EXPECT_EQ(onlyTrack(read->document, 0).object.className, "pedestrian");
  EXPECT_EQ(
      std::get<std::string>(*onlyTrack(read->document, 0).instances[0].attributes.find("pose")),
      "sitting");
  EXPECT_EQ(onlyTrack(read->document, 1).object.className, "dont_care");
  EXPECT_EQ(onlyTrack(read->document, 3).object.className, "Zeppelin");
  // The zero height and the unknown class are reported, never dropped.
  bool sawSize = false, sawClass = false;
  for (const auto& w : read->warnings) {
    sawSize = sawSize || w.find("line 3") != std::string::npos;
    sawClass = sawClass || w.find("Zeppelin") != std::string::npos;
  }
  EXPECT_TRUE(sawSize);
  EXPECT_TRUE(sawClass);
  const auto findings = validateDocument(read->document, defaultLabelSchema());
  int invalidSize = 0, unknownClass = 0, dontCare = 0;
  for (const Finding& f : findings) {
    invalidSize += f.kind == FindingKind::InvalidSize && f.severity == FindingSeverity::Error;
    unknownClass += f.kind == FindingKind::UnknownClass;
    dontCare +=
        f.object == onlyTrack(read->document, 1).object.id && f.severity == FindingSeverity::Error;
  }
  EXPECT_EQ(invalidSize, 1);
  EXPECT_EQ(unknownClass, 1);
  EXPECT_EQ(dontCare, 0) << "an ignore region's zero box is its documented placeholder";

  const auto out = scratch("kitti_special_out") / "label_2";
  auto written = writeLabels(read->document, out, context, "kitti");
  ASSERT_TRUE(written) << written.error().message;
  const std::string text = readText(out / "000000.txt");
  EXPECT_NE(text.find("Person_sitting "), std::string::npos) << text;
  EXPECT_NE(
      text.find("DontCare -1 -1 -10 503.89 169.71 590.61 190.13 -1 -1 -1 -1000 -1000 -1000 -10"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("Zeppelin "), std::string::npos);
}

TEST(KittiLabels, BadLinesNameFileAndLine) {
  const auto file = scratch("kitti_bad") / "label_2" / "000000.txt";
  writeText(file, "Car 0 0 0 0 0 0 0 1.5 1.6 4 1 2 10 0\nCar 0 0 0 0 0 0 0 1.5\n");
  auto read = readLabels(file, kittiContext({"000000"}), "kitti");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("000000.txt: line 2"), std::string::npos)
      << read.error().message;
  writeText(file, "Car 0 0 0 0 0 0 0 1.5 x 4 1 2 10 0\n");
  read = readLabels(file, kittiContext({"000000"}), "kitti");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("line 1"), std::string::npos) << read.error().message;
  // Without a calibration the conversion is refused, not guessed.
  writeText(file, "Car 0 0 0 0 0 0 0 1.5 1.6 4 1 2 10 0\n");
  read = readLabels(file, LabelContext{}, "kitti");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("calibration"), std::string::npos);
}

TEST(KittiLabels, TrackingFileKeepsTracksAndDontCare) {
  const auto file = scratch("tracking") / "label_02" / "0001.txt";
  writeText(file,
            "0 0 Car 0 0 0 0 0 0 0 1.5 1.6 4 1 2 10 0\n"
            "0 -1 DontCare -1 -1 -10 1 2 3 4 -1 -1 -1 -1000 -1000 -1000 -10\n"
            "2 0 Car 0 0 0 0 0 0 0 1.5 1.6 4 1 2 12 0\n"
            "2 5 Pedestrian 0 0 0 0 0 0 0 1.7 0.6 0.7 -1 2 9 0 0.87\n");
  const LabelContext context = kittiContext({"000000", "000001", "000002"});
  auto read = readLabels(file, context);  // detected from the 17/18 columns
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_EQ(read->document.objectCount(), 3U);
  EXPECT_EQ(onlyTrack(read->document, 0).instances.size(), 2U);
  EXPECT_EQ(onlyTrack(read->document, 0).object.number, 1);  // track id 0 ↔ number 1
  EXPECT_EQ(onlyTrack(read->document, 2).object.number, 6);
  EXPECT_EQ(onlyTrack(read->document, 2).instances[0].confidence, 0.87);
  const auto out = scratch("tracking_out") / "0001.txt";
  auto written = writeLabels(read->document, out, context, "kitti-tracking");
  ASSERT_TRUE(written) << written.error().message;
  const std::string text = readText(out);
  EXPECT_EQ(text.rfind("0 0 Car ", 0), 0U) << text;
  EXPECT_NE(text.find("\n0 -1 DontCare "), std::string::npos) << text;
  EXPECT_NE(text.find("\n2 5 Pedestrian "), std::string::npos) << text;
}

TEST(KittiLabels, CameraFromCalibrationMatchesTheRig) {
  // An exactly rigid calibration (the reader insists on orthonormal rotations).
  const auto rows = [](const Eigen::Matrix3d& R, const Eigen::Vector3d& t, bool withT) {
    std::string out;
    char buffer[64];
    for (int r = 0; r < 3; ++r) {
      for (int c = 0; c < 3; ++c) {
        std::snprintf(buffer, sizeof buffer, " %.17g", R(r, c));
        out += buffer;
      }
      if (withT) {
        std::snprintf(buffer, sizeof buffer, " %.17g", t[r]);
        out += buffer;
      }
    }
    return out;
  };
  const Eigen::Matrix3d R0 =
      Eigen::AngleAxisd(0.01, Eigen::Vector3d(0.3, 0.9, 0.1).normalized()).toRotationMatrix();
  Eigen::Matrix3d velo;
  velo << 0, -1, 0, 0, 0, -1, 1, 0, 0;
  const Eigen::Matrix3d Rv =
      Eigen::AngleAxisd(0.02, Eigen::Vector3d(0.5, 0.1, 0.8).normalized()).toRotationMatrix() *
      velo;
  const Eigen::Matrix3d Ri = Eigen::AngleAxisd(0.005, Eigen::Vector3d::UnitZ()).toRotationMatrix();
  const std::string text =
      "P0: 707.05 0 604.08 0 0 707.05 180.51 0 0 0 1 0\n"
      "P1: 707.05 0 604.08 -379.78 0 707.05 180.51 0 0 0 1 0\n"
      "P2: 707.05 0 604.08 45.76 0 707.05 180.51 -0.3454 0 0 1 0.004981\n"
      "P3: 707.05 0 604.08 -334.1 0 707.05 180.51 2.33 0 0 1 0.0032\n"
      "R0_rect:" +
      rows(R0, {}, false) +
      "\n"
      "Tr_velo_to_cam:" +
      rows(Rv, {-0.004, -0.0763, -0.2718}, true) +
      "\n"
      "Tr_imu_to_velo:" +
      rows(Ri, {-0.8087, 0.3196, -0.7997}, true) + "\n";
  auto calibration = parseKittiObjectCalibration(text, "calib.txt");
  ASSERT_TRUE(calibration) << calibration.error().message;
  auto rig = makeKittiRig(*calibration, {{2, "image_2", 1242, 375}});
  ASSERT_TRUE(rig) << rig.error().message;
  const KittiCamera camera = kittiCameraFromCalibration(*calibration, 1242, 375);
  // image_2 = rectified cam0 shifted by K⁻¹ P2[:, 3].
  Eigen::Isometry3d T_rect0_cam2 = Eigen::Isometry3d::Identity();
  T_rect0_cam2.translation() =
      -(calibration->P[2].leftCols<3>().inverse() * calibration->P[2].col(3));
  auto T_ego_cam2 = rig->transform("ego", "image_2");
  ASSERT_TRUE(T_ego_cam2);
  EXPECT_LT(
      ((camera.T_ego_rect0 * T_rect0_cam2).matrix() - T_ego_cam2->matrix()).cwiseAbs().maxCoeff(),
      1e-9);
}

// ------------------------------------------------------------ OpenLABEL --

TEST(OpenLabel, ReadsBothCuboidFormsFramesTransformsAndFlags) {
  const auto file = scratch("ol_in.json");
  writeText(file, R"({"openlabel": {
    "metadata": {"schema_version": "1.0.0"},
    "coordinate_systems": {
      "odom": {"type": "scene_cs", "parent": "", "children": ["base"]},
      "base": {"type": "local_cs", "parent": "odom", "children": ["cam"]},
      "cam": {"type": "sensor_cs", "parent": "base", "pose_wrt_parent": {"quaternion": [0, 0, 0, 1], "translation": [1, 0, 2]}}
    },
    "streams": {
      "cam": {"type": "camera", "stream_properties": {"intrinsics_pinhole": {"width_px": 640, "height_px": 480,
        "camera_matrix_3x4": [500, 0, 320, 0, 0, 500, 240, 0, 0, 0, 1, 0], "distortion_coeffs_1xN": [0.1, 0, 0, 0, 0]}}},
      "cam2": {"type": "camera", "stream_properties": {"intrinsics_pinhole": {"width_px": 64, "height_px": 48,
        "camera_matrix": [50, 0, 32, 0, 0, 50, 24, 0, 0, 0, 1, 0], "distortion_coeffs": [0, 0, 0, 0, 0]}}}
    },
    "objects": {
      "7": {"name": "a", "type": "car", "frame_intervals": [{"frame_start": 0, "frame_end": 1}]},
      "9": {"name": "b", "type": "pedestrian", "object_data": {"text": [{"name": "note", "val": "hi"}]}}
    },
    "frames": {
      "0": {"frame_properties": {"timestamp": 1.5, "transforms": {"t": {"src": "base", "dst": "odom",
              "transform_src_to_dst": {"matrix4x4": [1,0,0,10, 0,1,0,0, 0,0,1,0, 0,0,0,1]}}}},
            "objects": {"7": {"object_data": {"cuboid": [{"name": "c", "val": [1, 2, 3, 0, 0, 0.5, 4, 2, 1.5], "coordinate_system": "cam"}]}},
                        "9": {"object_data": {"cuboid": [{"name": "c", "val": [5, 5, 0, 0, 0, 0, 1, 0.7, 0.7, 1.8],
                              "attributes": {"boolean": [{"name": "keyframe", "val": false}], "num": [{"name": "truncation", "val": 0.25}]}}]}}}},
      "1": {"frame_properties": {"timestamp": 1.6},
            "objects": {"7": {"object_data": {"cuboid": [{"name": "c", "val": [1, 2, 3, 0, 0, 0, 1, 4, 2, 1.5]}]}}}}
    }
  }})");
  auto read = readLabels(file, LabelContext{});
  ASSERT_TRUE(read) << read.error().message;
  const Document& d = read->document;
  ASSERT_EQ(d.objectCount(), 2U);
  EXPECT_EQ(d.info().frameTimestampsNs, (std::vector<std::int64_t>{1'500'000'000, 1'600'000'000}));
  const Track& car = onlyTrack(d, 0);
  EXPECT_EQ(car.object.number, 7);
  ASSERT_EQ(car.instances.size(), 2U);
  // Frame 0: 9-value Euler form in cam (at (1, 0, 2) in base), base at x = 10 in the root.
  EXPECT_NEAR((boxOf(car, 0).center - Eigen::Vector3d(12, 2, 5)).norm(), 0, 1e-12);
  EXPECT_NEAR(boxOf(car, 0).yaw(), 0.5, 1e-12);
  EXPECT_EQ(car.instances[0].source, InstanceSource::Keyframe);  // no keyframe attribute: keyframe
  EXPECT_NEAR((boxOf(car, 1).center - Eigen::Vector3d(1, 2, 3)).norm(), 0, 1e-12);
  const Track& walker = onlyTrack(d, 1);
  EXPECT_EQ(walker.instances[0].source, InstanceSource::Interpolated);
  EXPECT_EQ(std::get<double>(*walker.instances[0].attributes.find("truncation")), 0.25);
  EXPECT_EQ(std::get<std::string>(*walker.object.attributes.find("note")), "hi");

  auto sensors = readOpenLabelSensors(file);
  ASSERT_TRUE(sensors) << sensors.error().message;
  ASSERT_EQ(sensors->size(), 2U);
  EXPECT_EQ((*sensors)[0].K.value()(0, 0), 500);
  EXPECT_EQ((*sensors)[0].distortion.front(), 0.1);
  EXPECT_EQ((*sensors)[0].T_ego_sensor.translation(), Eigen::Vector3d(1, 0, 2));
  EXPECT_EQ((*sensors)[1].K.value()(0, 2), 32);
  EXPECT_EQ((*sensors)[1].width, 64);
}

TEST(OpenLabel, BadInputNamesTheJsonPath) {
  const auto file = scratch("ol_bad.json");
  writeText(
      file,
      R"({"openlabel": {"metadata": {"schema_version": "1.0.0"}, "objects": {"1": {"name": "a", "type": "car"}},
    "frames": {"0": {"objects": {"1": {"object_data": {"cuboid": [{"name": "c", "val": [1, 2, 3, 4, 5, 6, 7, 8]}]}}}}}}})");
  auto read = readLabels(file, LabelContext{}, "openlabel");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("openlabel.frames.0.objects.1.object_data.cuboid[0].val"),
            std::string::npos)
      << read.error().message;
  writeText(file, "{\"openlabel\": [1, 2");
  read = readLabels(file, LabelContext{}, "openlabel");
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("ol_bad.json"), std::string::npos);
}

Document richDocument() {
  Document document(
      DocumentInfo{{"driving", 1, ""}, {"test", "/x", "s"}, {0, 100'000'000, 200'000'000}});
  DocumentEditor editor(document);
  Track car;
  car.object = {ObjectId{1}, 3, "car", {}};
  car.object.attributes.set("emergency_vehicle", true);
  for (FrameIndex f = 0; f < 3; ++f) {
    Instance i;
    i.frame = f;
    i.geometry = Cuboid::fromYaw({10.0 + f, 2, 0.5}, {4.5, 1.8, 1.5}, 0.1 * f);
    i.source = f == 1 ? InstanceSource::Interpolated : InstanceSource::Keyframe;
    i.review.state = f == 2 ? ReviewState::Accepted : ReviewState::Unreviewed;
    i.attributes.set("occlusion", std::string("partly"));
    i.attributes.set("truncation", 0.5);
    if (f == 2) i.confidence = 0.75;
    car.instances.push_back(i);
  }
  editor.insertTrack(car);
  Track lane;
  lane.object = {ObjectId{2}, 4, "lane_dashed", {}};
  lane.object.attributes.set("lane_colour", std::string("white"));
  Instance l;
  l.frame = kStaticFrame;
  l.geometry = Polyline{
      {{0, 1.75, -1.8}, {50, 1.8, -1.75}, {100, 2.1, -1.7}}, false, {"dashed", "dashed", "solid"}};
  lane.instances.push_back(l);
  editor.insertTrack(lane);
  return document;
}

LabelContext richContext() {
  LabelContext context;
  for (int f = 0; f < 3; ++f) {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.translation() = Eigen::Vector3d(f * 1.0, 0, 0);
    context.frames.push_back({"00000" + std::to_string(f), f * 100'000'000LL, T});
  }
  LabelSensor camera;
  camera.name = "front";
  camera.type = "camera";
  camera.K = Eigen::Matrix3d::Identity();
  camera.width = 640;
  camera.height = 480;
  context.sensors.push_back(camera);
  LabelSensor lidar;
  lidar.name = "top";
  lidar.type = "lidar";
  context.sensors.push_back(lidar);
  return context;
}

TEST(OpenLabel, ExportRoundTripsEverythingAndMatchesTheSchema) {
  const Document document = richDocument();
  const LabelContext context = richContext();
  const auto file = scratch("ol_rich_openlabel.json");
  auto written = writeLabels(document, file, context, "openlabel");
  ASSERT_TRUE(written) << written.error().message;
  auto read = readLabels(file, context);
  ASSERT_TRUE(read) << read.error().message;
  // Everything the native model holds comes back exactly (numbers round-trip), except
  // info.dataset.format.
  ASSERT_EQ(read->document.objectCount(), document.objectCount());
  for (std::size_t i = 0; i < document.tracks().size(); ++i) {
    EXPECT_EQ(read->document.tracks()[i].object.attributes, document.tracks()[i].object.attributes);
    EXPECT_EQ(read->document.tracks()[i].instances, document.tracks()[i].instances)
        << "track " << i;
  }

  std::ifstream schemaStream(std::filesystem::path(FUSELABEL_SOURCE_DIR) /
                             "schemas/openlabel_schema_v1.json");
  const test::JsonSchemaSubset schema(nlohmann::json::parse(schemaStream));
  const nlohmann::json exported = nlohmann::json::parse(readText(file));
  const auto errors = schema.validate(exported);
  for (const auto& e : errors)
    ADD_FAILURE() << e;
  // The validator does reject what the schema forbids.
  nlohmann::json broken = exported;
  broken["openlabel"]["metadata"]["schema_version"] = "0.3.0";
  broken["openlabel"]["objects"]["3"].erase("type");
  broken["openlabel"]["frames"]["0"]["objects"]["3"]["object_data"]["cuboid"][0]["val"] = {1, 2};
  EXPECT_EQ(schema.validate(broken).size(), 3U);
}

TEST(OpenLabel, ExportPassesPythonJsonschemaWhenInstalled) {
  if (test::runCommand("python3 -c 'import jsonschema' 2>/dev/null").exitCode != 0) {
    GTEST_SKIP()
        << "python3-jsonschema is not installed; the C++ subset validator covers the check";
  }
  const auto file = scratch("ol_py_openlabel.json");
  ASSERT_TRUE(writeLabels(richDocument(), file, richContext(), "openlabel"));
  const std::string schema =
      (std::filesystem::path(FUSELABEL_SOURCE_DIR) / "schemas/openlabel_schema_v1.json").string();
  const auto result = test::runCommand(
      "python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), "
      "json.load(open(sys.argv[2])))' " +
      file.string() + " " + schema + " 2>&1");
  EXPECT_EQ(result.exitCode, 0) << result.output;
}

// ------------------------------------------------------- nuScenes, SUSTech --

TEST(NuscenesLabels, SizeIsWidthLengthHeightAndRotationWxyz) {
  LabelContext context = richContext();
  context.T_global_world.translation() = Eigen::Vector3d(1000, 2000, 0);
  const auto folder = scratch("nusc");
  ASSERT_TRUE(writeLabels(richDocument(), folder, context, "nuscenes"));
  const auto rows = nlohmann::json::parse(readText(folder / "sample_annotation.json"));
  ASSERT_EQ(rows.size(), 3U);  // the lane is left out, with a warning
  const auto& first = rows[0];
  EXPECT_EQ(first["size"], nlohmann::json({1.8, 4.5, 1.5}));
  EXPECT_EQ(first["translation"], nlohmann::json({1010.0, 2002.0, 0.5}));
  EXPECT_EQ(first["rotation"][0], 1.0);
  EXPECT_EQ(first["category_name"], "vehicle.car");
  EXPECT_EQ(rows[1]["prev"], first["token"]);
  auto read = readLabels(folder, context);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->document.objectCount(), 1U);
  EXPECT_EQ(read->document.tracks()[0].instances.size(), 3U);
}

TEST(SustechLabels, EulerXyzInTheLidarFrame) {
  const auto folder = scratch("sustech") / "label";
  writeText(folder / "000010.json",
            R"([{"obj_type": "Car", "obj_id": "4", "psr": {"position": {"x": 1, "y": 2, "z": 3},
               "scale": {"x": 4, "y": 2, "z": 1.5}, "rotation": {"x": 0.05, "y": -0.03, "z": 1.2}}}])");
  LabelContext context;
  context.T_ego_lidar = Eigen::Isometry3d::Identity();
  context.frames.push_back({"000010", 0, Eigen::Isometry3d::Identity()});
  auto read = readLabels(folder, context);
  ASSERT_TRUE(read) << read.error().message;
  const Track& car = onlyTrack(read->document);
  EXPECT_EQ(car.object.number, 4);
  EXPECT_EQ(car.object.className, "car");
  const Eigen::Matrix3d expected = (Eigen::AngleAxisd(0.05, Eigen::Vector3d::UnitX()) *
                                    Eigen::AngleAxisd(-0.03, Eigen::Vector3d::UnitY()) *
                                    Eigen::AngleAxisd(1.2, Eigen::Vector3d::UnitZ()))
                                       .toRotationMatrix();
  EXPECT_LT((boxOf(car).rotation.toRotationMatrix() - expected).cwiseAbs().maxCoeff(), 1e-12);
  const auto out = scratch("sustech_out") / "label";
  ASSERT_TRUE(writeLabels(read->document, out, context, "sustech"));
  const auto rows = nlohmann::json::parse(readText(out / "000010.json"));
  EXPECT_NEAR(rows[0]["psr"]["rotation"]["x"].get<double>(), 0.05, 1e-12);
  EXPECT_NEAR(rows[0]["psr"]["rotation"]["y"].get<double>(), -0.03, 1e-12);
  EXPECT_NEAR(rows[0]["psr"]["rotation"]["z"].get<double>(), 1.2, 1e-12);
  EXPECT_EQ(rows[0]["obj_id"], "4");
}

TEST(LabelFormats, DetectionAndUnknownFormats) {
  EXPECT_NE(findLabelFormat("openlabel"), nullptr);
  EXPECT_EQ(findLabelFormat("coco"), nullptr);
  auto missing = detectLabelFormat(scratch("nothing_here.json"));
  ASSERT_FALSE(missing);
  const auto native = scratch("native.json");
  ASSERT_TRUE(writeLabels(richDocument(), native, LabelContext{}, "native"));
  auto detected = detectLabelFormat(native);
  ASSERT_TRUE(detected);
  EXPECT_STREQ((*detected)->name, "native");
}

}  // namespace
}  // namespace fuselabel

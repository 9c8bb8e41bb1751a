// Round trips of the real labels in ../shared/data through every label
// format, as one table (Open3D's PointCloudIO style): each source document is
// written in each format that can hold it, read back in the same context, and
// every box must come back within 1e-5 m and 1e-6 rad, with its class and (for
// formats with track ids) its track.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "calib/readers/kitti_calibration.hpp"
#include "core/annotation/document_editor.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/labels/label_io.hpp"
#include "datasets/sequence/pose_track.hpp"
#include "support/shared_data.hpp"

namespace fuselabel {
namespace {

using test::sharedDataPath;

constexpr double kMetres = 1e-5;
constexpr double kRadians = 1e-6;

/// A document with the context it lives in, and whether KITTI can hold its boxes.
struct Source {
  LabelContext context;
  Document document;
  bool uprightInKittiCamera = true;  // KITTI keeps only rotation_y
  std::string problem;               // non-empty: the source could not be built
};

Eigen::Isometry3d matrix4(const nlohmann::json& rows) {
  Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c)
      T.matrix()(r, c) =
          rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)].get<double>();
  }
  // Matrices in the pickle are float32: re-orthonormalise the rotation.
  const Eigen::Quaterniond q(Eigen::Matrix3d(T.linear()));
  T.linear() = q.normalized().toRotationMatrix();
  return T;
}

/// A level KITTI camera for sources without one: rectified cam0 with y = −up
/// of `T_ego_frame`'s frame, so boxes upright there stay upright.
KittiCamera levelCamera(const Eigen::Isometry3d& T_ego_frame, int width, int height) {
  Eigen::Matrix3d
      axes;  // columns: rect x, y, z in the frame: x right (−y), y down (−z), z forward (x)
  axes << 0, 0, 1,  //
      -1, 0, 0,     //
      0, -1, 0;
  Eigen::Isometry3d T_frame_rect = Eigen::Isometry3d::Identity();
  T_frame_rect.linear() = axes;
  T_frame_rect.translation() = Eigen::Vector3d(0.3, -0.1, 1.2);
  KittiCamera camera;
  camera.T_ego_rect0 = T_ego_frame * T_frame_rect;
  camera.P2 << 721.5377, 0, 609.5593, 44.85728, 0, 721.5377, 172.854, 0.2163791, 0, 0, 1,
      0.002745884;
  camera.width = width;
  camera.height = height;
  return camera;
}

void addTrack(Document& document, Track track) {
  DocumentEditor(document).insertTrack(std::move(track));
}

Source kittiObjectVis() {
  Source s;
  const auto root = sharedDataPath("kitti_object_vis/data/object/training");
  auto sequence = openDataset(root);
  if (!sequence) return {{}, {}, true, sequence.error().message};
  auto context = labelContextFromSequence(*sequence);
  if (!context) return {{}, {}, true, context.error().message};
  s.context = *context;
  auto labels = readLabels(root / "label_2", s.context, "kitti");
  if (!labels) return {{}, {}, true, labels.error().message};
  s.document = std::move(labels->document);
  return s;
}

Source mmdetKitti() {
  Source s;
  const auto folder = sharedDataPath("mmdet3d_kitti_demo/converted");
  auto calibration = readKittiObjectCalibration(folder / "calib_000008.txt");
  if (!calibration) return {{}, {}, true, calibration.error().message};
  s.context.frames.push_back({"label_2_000008", 0, Eigen::Isometry3d::Identity()});
  const KittiCamera camera = kittiCameraFromCalibration(*calibration, 1242, 375);
  s.context.kittiCamera = [camera](std::size_t) -> Result<KittiCamera> { return camera; };
  auto labels = readLabels(folder / "label_2_000008.txt", s.context, "kitti");
  if (!labels) return {{}, {}, true, labels.error().message};
  s.document = std::move(labels->document);
  return s;
}

Source sustech() {
  Source s;
  const auto root = sharedDataPath("sustech_example/data/example");
  auto sequence = openDataset(root);
  if (!sequence) return {{}, {}, true, sequence.error().message};
  auto context = labelContextFromSequence(*sequence);
  if (!context) return {{}, {}, true, context.error().message};
  s.context = *context;
  auto labels = readLabels(root / "label", s.context, "sustech");
  if (!labels) return {{}, {}, true, labels.error().message};
  s.document = std::move(labels->document);
  s.uprightInKittiCamera = false;  // the SUSTech boxes carry roll and pitch (up to 0.07 rad)
  return s;
}

Source nuscenesBoxes() {
  Source s;
  const auto file =
      sharedDataPath("mmdet3d_nuscenes_demo/converted/n015-2018-07-24-11-22-45+0800.pkl.json");
  std::ifstream stream(file);
  if (!stream) return {{}, {}, true, "cannot read " + file.string()};
  const nlohmann::json info = nlohmann::json::parse(stream);
  const nlohmann::json& sample = info["data_list"][0];
  const Eigen::Isometry3d T_ego_lidar = matrix4(sample["lidar_points"]["lidar2ego"]);
  s.context.frames.push_back(
      {sample["token"].get<std::string>(),
       static_cast<std::int64_t>(sample["timestamp"].get<double>() * 1e6) * 1000,
       Eigen::Isometry3d::Identity()});
  s.context.T_global_world = matrix4(sample["ego2global"]);
  s.context.T_ego_lidar = T_ego_lidar;
  const KittiCamera camera = levelCamera(T_ego_lidar, 1600, 900);
  s.context.kittiCamera = [camera](std::size_t) -> Result<KittiCamera> { return camera; };
  const char* names[] = {
      "car",     "truck",      "trailer",    "bus",          "construction_vehicle",
      "bicycle", "motorcycle", "pedestrian", "traffic_cone", "barrier"};
  Document document(DocumentInfo{
      {"driving", 1, ""}, {"nuscenes", file.string(), "demo"}, {s.context.frames[0].timestampNs}});
  std::int64_t id = 0;
  for (const auto& instance : sample["instances"]) {
    const auto& b = instance["bbox_3d"];
    // LIDAR_TOP frame, gravity centre, [x y z l w h yaw].
    const Cuboid lidarBox = Cuboid::fromYaw(
        {b[0].get<double>(), b[1].get<double>(), b[2].get<double>()},
        {b[3].get<double>(), b[4].get<double>(), b[5].get<double>()}, b[6].get<double>());
    const int label = instance["bbox_label_3d"].get<int>();
    Track track;
    track.object.id = ObjectId{++id};
    track.object.number = static_cast<std::int32_t>(id);
    track.object.className = label >= 0 && label < 10 ? names[label] : "other_object";
    Instance box;
    box.frame = 0;
    box.geometry = T_ego_lidar * lidarBox;
    track.instances.push_back(std::move(box));
    addTrack(document, std::move(track));
  }
  s.document = std::move(document);
  return s;
}

std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream stream(line);
  std::string cell;
  while (std::getline(stream, cell, ','))
    out.push_back(cell);
  return out;
}

Source argoverseBoxes() {
  Source s;
  const auto folder = sharedDataPath("av2_sensor_test/converted");
  std::ifstream poseFile(folder / "city_SE3_egovehicle.csv");
  std::ifstream boxFile(folder / "annotations.csv");
  if (!poseFile || !boxFile) return {{}, {}, true, "cannot read " + folder.string()};
  std::string line;
  std::getline(poseFile, line);
  std::map<std::int64_t, Eigen::Isometry3d> cityPoses;
  while (std::getline(poseFile, line)) {
    const auto c = splitCsv(line);
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.linear() =
        Eigen::Quaterniond(std::stod(c[1]), std::stod(c[2]), std::stod(c[3]), std::stod(c[4]))
            .normalized()
            .toRotationMatrix();
    T.translation() = Eigen::Vector3d(std::stod(c[5]), std::stod(c[6]), std::stod(c[7]));
    cityPoses.emplace(std::stoll(c[0]), T);
  }
  struct Row {
    std::int64_t t;
    std::string track, category;
    Cuboid box;
  };
  std::vector<Row> rows;
  std::getline(boxFile, line);
  std::map<std::int64_t, int> frameOfTime;
  while (std::getline(boxFile, line)) {
    const auto c = splitCsv(line);
    Row row{std::stoll(c[0]), c[1], c[2], {}};
    row.box.size = Eigen::Vector3d(std::stod(c[3]), std::stod(c[4]), std::stod(c[5]));
    row.box.rotation =
        Eigen::Quaterniond(std::stod(c[6]), std::stod(c[7]), std::stod(c[8]), std::stod(c[9]))
            .normalized();
    row.box.center = Eigen::Vector3d(std::stod(c[10]), std::stod(c[11]), std::stod(c[12]));
    frameOfTime[row.t] = 0;
    rows.push_back(std::move(row));
  }
  std::vector<StampedPose> poses;
  for (auto& [t, index] : frameOfTime) {
    index = static_cast<int>(poses.size());
    auto nearest = cityPoses.lower_bound(t);
    if (nearest == cityPoses.end()) --nearest;
    poses.push_back({t, nearest->second});
  }
  auto track = PoseTrack::fromGlobalPoses(poses);
  if (!track) return {{}, {}, true, track.error().message};
  s.context.T_global_world = track->T_global_world();
  for (const auto& [t, index] : frameOfTime) {
    char id[32];
    std::snprintf(id, sizeof id, "%lld", static_cast<long long>(t));
    s.context.frames.push_back({id, t, track->at(t)});
  }
  const KittiCamera camera = levelCamera(Eigen::Isometry3d::Identity(), 2048, 1550);
  s.context.kittiCamera = [camera](std::size_t) -> Result<KittiCamera> { return camera; };
  DocumentInfo info{{"driving", 1, ""}, {"av2", folder.string(), "7fab2350"}, {}};
  for (const LabelFrame& f : s.context.frames)
    info.frameTimestampsNs.push_back(f.timestampNs);
  Document document(info);
  std::map<std::string, Track> tracks;
  for (const Row& row : rows) {
    Track& t = tracks[row.track];
    t.object.className = row.category;
    Instance instance;
    instance.frame = frameOfTime[row.t];
    instance.geometry =
        s.context.frames[static_cast<std::size_t>(instance.frame)].T_world_ego * row.box;
    t.instances.push_back(std::move(instance));
  }
  std::int64_t id = 0;
  for (auto& [uuid, t] : tracks) {
    t.object.id = ObjectId{++id};
    t.object.number = static_cast<std::int32_t>(id);
    std::sort(t.instances.begin(), t.instances.end(),
              [](const Instance& a, const Instance& b) { return a.frame < b.frame; });
    addTrack(document, std::move(t));
  }
  s.document = std::move(document);
  return s;
}

const Source& source(const std::string& name) {
  static std::map<std::string, std::unique_ptr<Source>> cache;
  auto& slot = cache[name];
  if (!slot) {
    if (name == "kitti_object_vis") slot = std::make_unique<Source>(kittiObjectVis());
    if (name == "mmdet3d_kitti_000008") slot = std::make_unique<Source>(mmdetKitti());
    if (name == "sustech") slot = std::make_unique<Source>(sustech());
    if (name == "nuscenes_boxes") slot = std::make_unique<Source>(nuscenesBoxes());
    if (name == "argoverse2_boxes") slot = std::make_unique<Source>(argoverseBoxes());
  }
  return *slot;
}

/// Boxes of a frame in object order, with the object's id and class.
struct FrameBox {
  ObjectId id;
  std::int32_t number = 0;
  std::string className;
  Cuboid box;
};

/// Per frame, in object order (id), or by track number for formats that keep the numbers.
std::map<FrameIndex, std::vector<FrameBox>> boxesByFrame(const Document& document, bool byNumber) {
  std::map<FrameIndex, std::vector<FrameBox>> out;
  for (const Track& track : document.tracks()) {
    for (const Instance& instance : track.instances) {
      if (const auto* box = std::get_if<Cuboid>(&instance.geometry)) {
        out[instance.frame].push_back(
            {track.object.id, track.object.number, track.object.className, *box});
      }
    }
  }
  if (byNumber) {
    for (auto& [frame, list] : out) {
      std::stable_sort(list.begin(), list.end(),
                       [](const FrameBox& a, const FrameBox& b) { return a.number < b.number; });
    }
  }
  return out;
}

struct FormatCase {
  const char* format;
  const char* outputName;  // file or folder written in the temporary folder
  bool keepsTracks;
  bool keepsNumbers;  // track numbers come back as they were
  bool needsUpright;
};

constexpr FormatCase kFormats[] = {
    {"native", "labels.json", true, true, false},
    {"openlabel", "labels_openlabel.json", true, true, false},
    {"nuscenes", "nuscenes", true, false, false},
    {"sustech", "label", true, true, false},
    {"kitti", "label_2", false, false, true},
    {"kitti-tracking", "label_02/0000.txt", true, true, true},
};

const char* const kSources[] = {"kitti_object_vis", "mmdet3d_kitti_000008", "sustech",
                                "nuscenes_boxes", "argoverse2_boxes"};

class LabelRoundTrip : public ::testing::TestWithParam<std::tuple<const char*, FormatCase>> {};

TEST_P(LabelRoundTrip, EveryBoxComesBack) {
  const auto& [sourceName, format] = GetParam();
  FUSELABEL_REQUIRE_SHARED_DATA(sharedDataPath(""));
  const Source& s = source(sourceName);
  ASSERT_TRUE(s.problem.empty()) << s.problem;
  if (format.needsUpright && !s.uprightInKittiCamera) {
    GTEST_SKIP() << sourceName
                 << " boxes have roll/pitch, which KITTI (rotation_y only) cannot hold";
  }
  ASSERT_GT(s.document.instanceCount(), 0U);
  const auto folder = std::filesystem::temp_directory_path() /
                      ("fuselabel_roundtrip_" + std::to_string(::getpid()) + "_" + sourceName +
                       "_" + format.format);
  std::filesystem::remove_all(folder);
  const auto out = folder / format.outputName;
  auto written = writeLabels(s.document, out, s.context, format.format);
  ASSERT_TRUE(written) << written.error().message;
  for (const auto& w : written->warnings)
    ADD_FAILURE() << "export warning: " << w;
  auto read = readLabels(out, s.context, format.format);
  ASSERT_TRUE(read) << read.error().message;
  // Auto-detection finds the format again (kitti-tracking and kitti need the name, SUSTech folders
  // are generic).
  if (std::string(format.format) != "kitti-tracking") {
    auto detected = detectLabelFormat(out);
    ASSERT_TRUE(detected) << detected.error().message;
    EXPECT_STREQ((*detected)->name, format.format);
  }

  const auto before = boxesByFrame(s.document, format.keepsNumbers);
  const auto after = boxesByFrame(read->document, format.keepsNumbers);
  ASSERT_EQ(before.size(), after.size());
  std::map<std::int64_t, std::int64_t> trackOf;  // original id → read id
  std::size_t compared = 0;
  double worstMetres = 0, worstRadians = 0;
  for (const auto& [frame, boxes] : before) {
    const auto it = after.find(frame);
    ASSERT_NE(it, after.end()) << "frame " << frame << " lost";
    ASSERT_EQ(boxes.size(), it->second.size()) << "frame " << frame;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      const FrameBox& a = boxes[i];
      const FrameBox& b = it->second[i];
      EXPECT_EQ(a.className, b.className) << "frame " << frame << " box " << i;
      if (format.keepsNumbers) {
        EXPECT_EQ(a.number, b.number) << "frame " << frame << " box " << i;
      }
      const double dc = (a.box.center - b.box.center).norm();
      const double ds = (a.box.size - b.box.size).cwiseAbs().maxCoeff();
      const double dr = a.box.rotation.angularDistance(b.box.rotation);
      worstMetres = std::max({worstMetres, dc, ds});
      worstRadians = std::max(worstRadians, dr);
      EXPECT_LE(dc, kMetres) << "frame " << frame << " box " << i << " centre";
      EXPECT_LE(ds, kMetres) << "frame " << frame << " box " << i << " size";
      EXPECT_LE(dr, kRadians) << "frame " << frame << " box " << i << " rotation";
      if (format.keepsTracks) {
        const auto [entry, inserted] = trackOf.emplace(a.id.value, b.id.value);
        EXPECT_EQ(entry->second, b.id.value)
            << "track of object " << a.id.value << " split at frame " << frame;
      }
      ++compared;
    }
  }
  if (format.keepsTracks) {
    std::map<std::int64_t, int> uses;
    for (const auto& [from, to] : trackOf)
      EXPECT_EQ(++uses[to], 1) << "two tracks merged into " << to;
  }
  RecordProperty("boxes", static_cast<int>(compared));
  std::cout << "[ round trip ] " << sourceName << " via " << format.format << ": " << compared
            << " boxes, worst " << worstMetres << " m, " << worstRadians << " rad\n";
  std::filesystem::remove_all(folder);
}

std::string caseName(const ::testing::TestParamInfo<LabelRoundTrip::ParamType>& info) {
  std::string name = std::string(std::get<0>(info.param)) + "_" + std::get<1>(info.param).format;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(AllFormats, LabelRoundTrip,
                         ::testing::Combine(::testing::ValuesIn(kSources),
                                            ::testing::ValuesIn(kFormats)),
                         caseName);

}  // namespace
}  // namespace fuselabel

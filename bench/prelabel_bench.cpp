// Pre-labeling one sweep: the fuselabel pipeline (per-bin ground planes, grid
// clustering with a range-adaptive tolerance) against the same two steps
// done naively with PCL's defaults — one RANSAC plane
// (pcl::SACSegmentation) and pcl::EuclideanClusterExtraction with a fixed
// tolerance over a k-d tree — plus the whole fuselabel pipeline with the fit
// and class of every cluster, which has to stay under 100 ms on one core.
// Input: the real KITTI sweep 000001 (120 268 points) when ../shared/data is
// present, else a synthetic 64-beam sweep of the same size.

#include <benchmark/benchmark.h>
#include <pcl/ModelCoefficients.h>
#include <pcl/filters/extract_indices.h>
#include <pcl/point_types.h>
#include <pcl/search/kdtree.h>
#include <pcl/segmentation/extract_clusters.h>
#include <pcl/segmentation/sac_segmentation.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "core/annotation/label_schema.hpp"
#include "core/prelabel/geometric_proposals.hpp"
#include "datasets/adapters/dataset_adapter.hpp"
#include "datasets/pointcloud/point_cloud_io.hpp"
#include "datasets/synthetic/synthetic_scene.hpp"

namespace fuselabel::bench {
namespace {

namespace fs = std::filesystem;

struct PrelabelInput {
  PointCloud cloud;
  Eigen::Isometry3d T_world_sensor = Eigen::Isometry3d::Identity();
  pcl::PointCloud<pcl::PointXYZ>::Ptr pclCloud{new pcl::PointCloud<pcl::PointXYZ>};
  bool ok = false;

  PrelabelInput() {
    const fs::path kitti = fs::path(FUSELABEL_SHARED_DATA_DIR) /
                           "kitti_object_vis/data/object/training/velodyne/000001.bin";
    if (auto real = readPointCloud(kitti, PointCloudFormat::KittiBin); real) {
      cloud = std::move(real->cloud);
    } else {
      const fs::path dir =
          fs::temp_directory_path() / ("fuselabel_prelabel_bench_" + std::to_string(::getpid()));
      SynthOptions synth;
      synth.frames = 1;
      synth.beams = 64;
      synth.columns = 1800;
      synth.cameras = 0;
      if (!generateSyntheticScene(synth, dir)) return;
      auto sequence = openDataset(dir);
      if (!sequence) return;
      auto sweep = sequence->loadSweep(0);
      if (!sweep) return;
      cloud = std::move(sweep->cloud);
      fs::remove_all(dir);
    }
    pclCloud->reserve(cloud.size());
    for (std::size_t i = 0; i < cloud.size(); ++i)
      pclCloud->push_back(pcl::PointXYZ(cloud.x()[i], cloud.y()[i], cloud.z()[i]));
    std::printf("prelabel_bench: %zu points\n", cloud.size());
    ok = true;
  }
};

const PrelabelInput& input() {
  static const PrelabelInput in;
  return in;
}

// Ground and clusters, fuselabel: index, per-bin planes, grid clustering.
void GroundAndClusters_fuselabel(benchmark::State& state) {
  const PrelabelInput& in = input();
  if (!in.ok) return state.SkipWithError("no input sweep");
  std::size_t clusters = 0;
  for (auto _ : state) {
    const SweepIndex index = SweepIndex::build(in.cloud, in.T_world_sensor);
    const GroundSegmentation ground = segmentGround(index);
    std::vector<std::uint8_t> use(index.size());
    for (std::uint32_t i = 0; i < index.size(); ++i)
      use[i] = ground.isGround(i) ? 0 : 1;
    clusters = clusterPoints(index, use).size();
    benchmark::DoNotOptimize(clusters);
  }
  state.counters["clusters"] = static_cast<double>(clusters);
}
BENCHMARK(GroundAndClusters_fuselabel)
    ->Name("GroundAndClusters/fuselabel")
    ->Unit(benchmark::kMillisecond);

// The same two steps with PCL used as its tutorials show: one RANSAC plane
// (0.2 m threshold), then Euclidean clusters at a fixed 0.5 m over a k-d tree.
void GroundAndClusters_pclNaive(benchmark::State& state) {
  const PrelabelInput& in = input();
  if (!in.ok) return state.SkipWithError("no input sweep");
  std::size_t clusters = 0;
  for (auto _ : state) {
    pcl::SACSegmentation<pcl::PointXYZ> seg;
    seg.setOptimizeCoefficients(true);
    seg.setModelType(pcl::SACMODEL_PLANE);
    seg.setMethodType(pcl::SAC_RANSAC);
    seg.setDistanceThreshold(0.2);
    seg.setMaxIterations(100);
    seg.setInputCloud(in.pclCloud);
    pcl::PointIndices::Ptr inliers(new pcl::PointIndices);
    pcl::ModelCoefficients coefficients;
    seg.segment(*inliers, coefficients);
    pcl::ExtractIndices<pcl::PointXYZ> extract;
    extract.setInputCloud(in.pclCloud);
    extract.setIndices(inliers);
    extract.setNegative(true);
    pcl::PointCloud<pcl::PointXYZ>::Ptr objects(new pcl::PointCloud<pcl::PointXYZ>);
    extract.filter(*objects);
    pcl::search::KdTree<pcl::PointXYZ>::Ptr tree(new pcl::search::KdTree<pcl::PointXYZ>);
    tree->setInputCloud(objects);
    std::vector<pcl::PointIndices> found;
    pcl::EuclideanClusterExtraction<pcl::PointXYZ> ec;
    ec.setClusterTolerance(0.5);
    ec.setMinClusterSize(5);
    ec.setMaxClusterSize(static_cast<int>(objects->size()));
    ec.setSearchMethod(tree);
    ec.setInputCloud(objects);
    ec.extract(found);
    clusters = found.size();
    benchmark::DoNotOptimize(clusters);
  }
  state.counters["clusters"] = static_cast<double>(clusters);
}
BENCHMARK(GroundAndClusters_pclNaive)
    ->Name("GroundAndClusters/pcl_naive")
    ->Unit(benchmark::kMillisecond);

// The whole per-sweep pipeline: index, ground, clusters, fit and class of each.
void Prelabel_fuselabel(benchmark::State& state) {
  const PrelabelInput& in = input();
  if (!in.ok) return state.SkipWithError("no input sweep");
  std::size_t proposals = 0;
  for (auto _ : state) {
    const SweepIndex index = SweepIndex::build(in.cloud, in.T_world_sensor);
    proposals = proposeFromSweep(index, defaultLabelSchema()).proposals.size();
    benchmark::DoNotOptimize(proposals);
  }
  state.counters["proposals"] = static_cast<double>(proposals);
}
BENCHMARK(Prelabel_fuselabel)->Name("PrelabelSweep/fuselabel")->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fuselabel::bench

#include "core/quality/consensus.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <set>

#include "core/annotation/document_editor.hpp"
#include "core/geometry/angle.hpp"
#include "core/geometry/iou.hpp"

namespace fuselabel {
namespace {

struct Member {
  std::size_t annotator = 0;
  LabeledBox box;
};

struct Cluster {
  FrameIndex frame = 0;
  std::vector<Member> members;
  LabeledBox merged;             // object/number unused; class = majority
  bool classTie = false;         // no strict majority of classes
  bool headingConflict = false;  // a member more than 90° off the merged heading
  double score = 0.0;
  std::size_t track = 0;  // merged track (component), set later
  bool ambiguousTrack = false;
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

void merge(Cluster& cluster, std::size_t annotators) {
  std::vector<double> coordinate[6];
  double sumSin = 0.0;
  double sumCos = 0.0;
  std::map<std::string, std::size_t> votes;
  for (const Member& m : cluster.members) {
    for (int axis = 0; axis < 3; ++axis) {
      coordinate[axis].push_back(m.box.box.center[axis]);
      coordinate[3 + axis].push_back(m.box.box.size[axis]);
    }
    sumSin += std::sin(m.box.box.yaw());
    sumCos += std::cos(m.box.box.yaw());
    ++votes[m.box.className];
  }
  const Eigen::Vector3d centre(median(coordinate[0]), median(coordinate[1]), median(coordinate[2]));
  const Eigen::Vector3d size(median(coordinate[3]), median(coordinate[4]), median(coordinate[5]));
  // Opposite headings cancel; fall back to the first member's rather than atan2(0, 0).
  const double yaw = std::hypot(sumSin, sumCos) > 1e-9 ? std::atan2(sumSin, sumCos)
                                                       : cluster.members.front().box.box.yaw();
  cluster.merged.box = Cuboid::fromYaw(centre, size, yaw);
  // Majority class; ties go to the earliest annotator's class.
  std::size_t best = 0;
  for (const auto& [name, count] : votes)
    best = std::max(best, count);
  std::size_t winners = 0;
  for (const auto& [name, count] : votes)
    winners += count == best ? 1 : 0;
  cluster.classTie = winners > 1;
  for (const Member& m : cluster.members) {
    if (votes[m.box.className] == best) {
      cluster.merged.className = m.box.className;
      break;
    }
  }
  double sumIou = 0.0;
  cluster.headingConflict = false;
  for (const Member& m : cluster.members) {
    const bool headingAgrees =
        std::abs(angleDifference(m.box.box.yaw(), yaw)) <= 0.5 * std::numbers::pi;
    sumIou += headingAgrees ? iou3d(m.box.box, cluster.merged.box) : 0.0;
    cluster.headingConflict = cluster.headingConflict || !headingAgrees;
  }
  const double n = static_cast<double>(cluster.members.size());
  cluster.score = (n / static_cast<double>(annotators)) * (sumIou / n);
  cluster.merged.frame = cluster.frame;
}

// Union-find over (annotator, object) keys.
class Components {
 public:
  std::size_t key(std::size_t annotator, ObjectId object) {
    const auto [it, inserted] = m_index.try_emplace({annotator, object.value}, m_parent.size());
    if (inserted) m_parent.push_back(it->second);
    return it->second;
  }
  std::size_t find(std::size_t x) {
    while (m_parent[x] != x)
      x = m_parent[x] = m_parent[m_parent[x]];
    return x;
  }
  void join(std::size_t x, std::size_t y) { m_parent[find(x)] = find(y); }

 private:
  std::map<std::pair<std::size_t, std::int64_t>, std::size_t> m_index;
  std::vector<std::size_t> m_parent;
};

}  // namespace

ConsensusResult buildConsensus(std::span<const Document* const> annotators,
                               const LabelSchema& schema, const ConsensusOptions& options) {
  ConsensusResult result;
  if (annotators.empty()) return result;
  std::vector<std::map<FrameIndex, std::vector<LabeledBox>>> boxes;
  std::set<FrameIndex> frames;
  for (const Document* document : annotators) {
    boxes.push_back(boxesByFrame(*document, schema));
    for (const auto& [frame, list] : boxes.back())
      frames.insert(frame);
  }

  std::vector<Cluster> clusters;
  for (const FrameIndex frame : frames) {
    const std::size_t first = clusters.size();
    for (std::size_t d = 0; d < annotators.size(); ++d) {
      const auto it = boxes[d].find(frame);
      if (it == boxes[d].end()) continue;
      const std::vector<LabeledBox>& own = it->second;
      std::vector<LabeledBox> representatives;
      for (std::size_t c = first; c < clusters.size(); ++c)
        representatives.push_back(clusters[c].merged);
      const FrameMatching matching = matchBoxes(representatives, own, options.match);
      for (const BoxPair& p : matching.pairs) {
        Cluster& cluster = clusters[first + static_cast<std::size_t>(p.a)];
        cluster.members.push_back({d, own[static_cast<std::size_t>(p.b)]});
        merge(cluster, annotators.size());
      }
      for (const int j : matching.unmatchedB) {
        Cluster cluster;
        cluster.frame = frame;
        cluster.members.push_back({d, own[static_cast<std::size_t>(j)]});
        merge(cluster, annotators.size());
        clusters.push_back(std::move(cluster));
      }
    }
  }

  // Merged tracks: clusters sharing any annotator's object.
  Components components;
  for (const Cluster& cluster : clusters) {
    const std::size_t anchor =
        components.key(cluster.members.front().annotator, cluster.members.front().box.object);
    for (const Member& m : cluster.members)
      components.join(components.key(m.annotator, m.box.object), anchor);
  }
  std::map<std::size_t, std::size_t> trackOfComponent;
  std::set<std::pair<std::size_t, FrameIndex>> used;
  // Strongest clusters claim their component's track first in each frame.
  std::vector<std::size_t> order(clusters.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    if (clusters[x].frame != clusters[y].frame) return clusters[x].frame < clusters[y].frame;
    return clusters[x].score > clusters[y].score;
  });
  std::size_t tracks = 0;
  for (const std::size_t c : order) {
    Cluster& cluster = clusters[c];
    const std::size_t component = components.find(
        components.key(cluster.members.front().annotator, cluster.members.front().box.object));
    const auto [it, inserted] = trackOfComponent.try_emplace(component, tracks);
    if (inserted) ++tracks;
    if (used.insert({it->second, cluster.frame}).second) {
      cluster.track = it->second;
    } else {
      cluster.track = tracks++;
      cluster.ambiguousTrack = true;
    }
  }

  // Build the document: one object per merged track, majority class over its instances.
  std::vector<std::vector<const Cluster*>> ofTrack(tracks);
  for (const Cluster& cluster : clusters)
    ofTrack[cluster.track].push_back(&cluster);
  Document merged(annotators.front()->info());
  DocumentEditor editor(merged);
  std::int64_t nextId = 1;
  for (std::vector<const Cluster*>& list : ofTrack) {
    if (list.empty()) continue;
    std::sort(list.begin(), list.end(),
              [](const Cluster* x, const Cluster* y) { return x->frame < y->frame; });
    std::map<std::string, std::size_t> votes;
    for (const Cluster* cluster : list)
      ++votes[cluster->merged.className];
    Track track;
    track.object.id = ObjectId{nextId};
    track.object.number = static_cast<std::int32_t>(nextId);
    ++nextId;
    track.object.className =
        std::max_element(votes.begin(), votes.end(), [](const auto& x, const auto& y) {
          return x.second < y.second;
        })->first;
    const Member& firstMember = list.front()->members.front();
    if (const Object* source = annotators[firstMember.annotator]->object(firstMember.box.object))
      track.object.attributes = source->attributes;
    for (const Cluster* cluster : list) {
      Instance instance;
      instance.frame = cluster->frame;
      instance.geometry = cluster->merged.box;
      const Member& m = cluster->members.front();
      if (const Instance* source = annotators[m.annotator]->instance(m.box.object, m.box.frame))
        instance.attributes = source->attributes;
      instance.confidence = cluster->score;
      const bool flagged = cluster->score < options.minAgreement || cluster->classTie ||
                           cluster->headingConflict || cluster->ambiguousTrack ||
                           cluster->merged.className != track.object.className;
      instance.review.state = flagged ? ReviewState::NeedsFix : ReviewState::Unreviewed;
      result.flagged += flagged ? 1 : 0;
      ++result.instances;
      track.instances.push_back(std::move(instance));
    }
    editor.appendTrackInOrder(std::move(track));
  }
  // Lanes and ignore regions are not merged box by box: the first
  // annotator's are kept as they are, so nothing is dropped.
  for (const Track& source : annotators.front()->tracks()) {
    const ClassSpec* spec = schema.findClass(source.object.className);
    const bool ignoreRegion = spec != nullptr && spec->category == "ignore";
    const bool polyline =
        std::any_of(source.instances.begin(), source.instances.end(), [](const Instance& instance) {
          return std::holds_alternative<Polyline>(instance.geometry);
        });
    if (!ignoreRegion && !polyline) continue;
    Track copy = source;
    copy.object.id = ObjectId{nextId};
    copy.object.number = static_cast<std::int32_t>(nextId);
    ++nextId;
    editor.appendTrackInOrder(std::move(copy));
    ++result.copied;
  }
  result.document = std::move(merged);
  return result;
}

}  // namespace fuselabel

#include "core/annotation/native_codec.hpp"

#include <algorithm>

#include "core/annotation/document_editor.hpp"

namespace fuselabel {

namespace {

void appendAttributes(std::string& out, const Attributes& attributes) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : attributes) {
    if (!first) out += ", ";
    first = false;
    json::appendString(out, name);
    out += ": ";
    if (const bool* b = std::get_if<bool>(&value)) {
      out += *b ? "true" : "false";
    } else if (const double* d = std::get_if<double>(&value)) {
      json::appendNumber(out, *d);
    } else {
      json::appendString(out, std::get<std::string>(value));
    }
  }
  out += '}';
}

/// Who reviewed, when, why and where: members only a reviewed instance has.
void appendReviewNote(std::string& out, const Review& review) {
  const auto member = [&out](std::string_view name, const std::string& value) {
    if (value.empty()) return;
    out += ", \"";
    out += name;
    out += "\": ";
    json::appendString(out, value);
  };
  member("review_by", review.reviewer);
  member("review_time", review.time);
  member("review_comment", review.comment);
  if (review.pin) {
    out += ", \"review_pin\": [";
    json::appendNumber(out, review.pin->x());
    out += ", ";
    json::appendNumber(out, review.pin->y());
    out += ", ";
    json::appendNumber(out, review.pin->z());
    out += ']';
  }
}

void appendInstance(std::string& out, const Instance& instance) {
  out += "{\"frame\": ";
  json::appendInt(out, instance.frame);
  if (const auto* box = std::get_if<Cuboid>(&instance.geometry)) {
    // OpenLABEL's 10-value order: centre, quaternion x y z w, size l w h.
    const double values[10] = {
        box->center.x(),   box->center.y(),   box->center.z(), box->rotation.x(), box->rotation.y(),
        box->rotation.z(), box->rotation.w(), box->size.x(),   box->size.y(),     box->size.z()};
    out += ", \"cuboid\": [";
    for (int i = 0; i < 10; ++i) {
      if (i > 0) out += ", ";
      json::appendNumber(out, values[i]);
    }
    out += ']';
  } else {
    const auto& line = std::get<Polyline>(instance.geometry);
    out += ", \"polyline\": {\"closed\": ";
    out += line.closed ? "true" : "false";
    out += ", \"points\": [";
    for (std::size_t i = 0; i < line.points.size(); ++i) {
      if (i > 0) out += ", ";
      json::appendNumber(out, line.points[i].x());
      out += ", ";
      json::appendNumber(out, line.points[i].y());
      out += ", ";
      json::appendNumber(out, line.points[i].z());
    }
    out += ']';
    if (!line.vertexValues.empty()) {
      out += ", \"vertex_values\": [";
      for (std::size_t i = 0; i < line.vertexValues.size(); ++i) {
        if (i > 0) out += ", ";
        json::appendString(out, line.vertexValues[i]);
      }
      out += ']';
    }
    out += '}';
  }
  out += ", \"source\": \"";
  out += toString(instance.source);
  out += "\", \"review\": \"";
  out += toString(instance.review.state);
  out += '"';
  appendReviewNote(out, instance.review);
  if (instance.confidence) {
    out += ", \"confidence\": ";
    json::appendNumber(out, *instance.confidence);
  }
  if (!instance.attributes.empty()) {
    out += ", \"attributes\": ";
    appendAttributes(out, instance.attributes);
  }
  out += '}';
}

Attributes readAttributes(json::Cursor& c) {
  Attributes attributes;
  c.forEachMember([&](std::string_view key) {
    switch (c.peekKind()) {
      case 't':
      case 'f':
        attributes.set(std::string(key), c.boolean());
        break;
      case 'n':
      case 'z':
        attributes.set(std::string(key), c.number());
        break;
      case '"':
        attributes.set(std::string(key), c.string());
        break;
      default:
        c.fail("an attribute value is true/false, a number or a string");
    }
  });
  return attributes;
}

Polyline readPolyline(json::Cursor& c) {
  Polyline line;
  bool havePoints = false;
  c.forEachMember([&](std::string_view key) {
    if (key == "closed") {
      line.closed = c.boolean();
    } else if (key == "points") {
      havePoints = true;
      std::vector<double> flat;
      c.forEachElement([&](std::size_t) { flat.push_back(c.number()); });
      if (flat.size() % 3 != 0)
        c.fail("points is a flat list x0 y0 z0 x1 ...; its length must be a multiple of 3");
      line.points.reserve(flat.size() / 3);
      for (std::size_t i = 0; i < flat.size(); i += 3)
        line.points.emplace_back(flat[i], flat[i + 1], flat[i + 2]);
    } else if (key == "vertex_values") {
      c.forEachElement([&](std::size_t) { line.vertexValues.push_back(c.string()); });
    } else {
      c.skip();  // unknown members from newer minor writers are ignored
    }
  });
  if (!havePoints) c.fail("a polyline needs \"points\"");
  if (!line.isConsistent()) c.fail("vertex_values needs one value per point");
  return line;
}

Instance readInstance(json::Cursor& c) {
  Instance instance;
  bool haveFrame = false;
  bool haveGeometry = false;
  c.forEachMember([&](std::string_view key) {
    if (key == "frame") {
      const std::int64_t frame = c.integer();
      if (frame < kStaticFrame || frame > INT32_MAX)
        c.fail("frame must be -1 (all frames) or a frame index");
      instance.frame = static_cast<FrameIndex>(frame);
      haveFrame = true;
    } else if (key == "cuboid") {
      double v[10];
      std::size_t n = 0;
      c.forEachElement([&](std::size_t i) {
        if (i >= 10) c.fail("a cuboid has 10 numbers: x y z qx qy qz qw length width height");
        v[i] = c.number();
        n = i + 1;
      });
      if (n != 10) c.fail("a cuboid has 10 numbers: x y z qx qy qz qw length width height");
      Cuboid box;
      box.center = Eigen::Vector3d(v[0], v[1], v[2]);
      box.rotation =
          Eigen::Quaterniond(v[6], v[3], v[4], v[5]);  // Eigen's constructor is w, x, y, z
      box.size = Eigen::Vector3d(v[7], v[8], v[9]);
      instance.geometry = box;
      haveGeometry = true;
    } else if (key == "polyline") {
      instance.geometry = readPolyline(c);
      haveGeometry = true;
    } else if (key == "source") {
      const std::string text = c.string();
      const auto source = parseInstanceSource(text);
      if (!source) c.fail("unknown source \"" + text + "\"");
      instance.source = *source;
    } else if (key == "review") {
      const std::string text = c.string();
      const auto review = parseReviewState(text);
      if (!review) c.fail("unknown review state \"" + text + "\"");
      instance.review.state = *review;
    } else if (key == "review_by") {
      instance.review.reviewer = c.string();
    } else if (key == "review_time") {
      instance.review.time = c.string();
    } else if (key == "review_comment") {
      instance.review.comment = c.string();
    } else if (key == "review_pin") {
      std::vector<double> xyz;
      c.forEachElement([&](std::size_t) { xyz.push_back(c.number()); });
      if (xyz.size() != 3) c.fail("review_pin is [x, y, z]");
      instance.review.pin = Eigen::Vector3d(xyz[0], xyz[1], xyz[2]);
    } else if (key == "confidence") {
      instance.confidence = c.number();
    } else if (key == "attributes") {
      instance.attributes = readAttributes(c);
    } else {
      c.skip();
    }
  });
  if (!haveFrame) c.fail("an instance needs \"frame\"");
  if (!haveGeometry) c.fail("an instance needs \"cuboid\" or \"polyline\"");
  return instance;
}

}  // namespace

void appendTrackJson(std::string& out, const Track& track, std::string_view indent) {
  out += "{\"id\": ";
  json::appendInt(out, track.object.id.value);
  out += ", \"number\": ";
  json::appendInt(out, track.object.number);
  out += ", \"class\": ";
  json::appendString(out, track.object.className);
  out += ", \"attributes\": ";
  appendAttributes(out, track.object.attributes);
  out += ", \"instances\": [";
  for (std::size_t i = 0; i < track.instances.size(); ++i) {
    out += i > 0 ? ",\n" : "\n";
    out += indent;
    out += "  ";
    appendInstance(out, track.instances[i]);
  }
  if (!track.instances.empty()) {
    out += '\n';
    out += indent;
  }
  out += "]}";
}

void appendInfoMembers(std::string& out, const DocumentInfo& info, std::string_view indent) {
  out += indent;
  out += "\"schema\": {\"name\": ";
  json::appendString(out, info.schema.name);
  out += ", \"version\": ";
  json::appendInt(out, info.schema.version);
  out += ", \"path\": ";
  json::appendString(out, info.schema.path);
  out += "},\n";
  out += indent;
  out += "\"dataset\": {\"format\": ";
  json::appendString(out, info.dataset.format);
  out += ", \"path\": ";
  json::appendString(out, info.dataset.path);
  out += ", \"sequence\": ";
  json::appendString(out, info.dataset.sequence);
  out += "},\n";
  out += indent;
  out += "\"frame_timestamps_ns\": [";
  for (std::size_t i = 0; i < info.frameTimestampsNs.size(); ++i) {
    if (i > 0) out += ", ";
    json::appendInt(out, info.frameTimestampsNs[i]);
  }
  out += ']';
}

std::string encodeDocument(const Document& document) {
  std::string out;
  // About 230 bytes an instance; one reservation avoids regrowing 100 MB.
  out.reserve(1024 + document.instanceCount() * 240);
  out += "{\n  \"fuselabel_labels\": ";
  json::appendInt(out, kNativeLabelsVersion);
  out += ",\n  \"generator\": \"fuselabel\",\n";
  appendInfoMembers(out, document.info(), "  ");
  out += ",\n  \"objects\": [";
  const auto tracks = document.tracks();
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    out += i > 0 ? ",\n    " : "\n    ";
    appendTrackJson(out, tracks[i], "    ");
  }
  out += tracks.empty() ? "]" : "\n  ]";
  if (!document.audit().empty()) {
    out += ",\n  \"audit\": [";
    const auto audit = document.audit();
    for (std::size_t i = 0; i < audit.size(); ++i) {
      out += i > 0 ? ",\n    " : "\n    ";
      appendAuditJson(out, audit[i]);
    }
    out += "\n  ]";
  }
  out += "\n}\n";
  return out;
}

Track readTrackJson(json::Cursor& c) {
  Track track;
  bool haveId = false;
  c.forEachMember([&](std::string_view key) {
    if (key == "id") {
      track.object.id.value = c.integer();
      if (track.object.id.value <= 0) c.fail("object ids are positive");
      haveId = true;
    } else if (key == "number") {
      const std::int64_t number = c.integer();
      if (number < INT32_MIN || number > INT32_MAX) c.fail("track number out of range");
      track.object.number = static_cast<std::int32_t>(number);
    } else if (key == "class") {
      track.object.className = c.string();
    } else if (key == "attributes") {
      track.object.attributes = readAttributes(c);
    } else if (key == "instances") {
      c.forEachElement([&](std::size_t) {
        track.instances.push_back(readInstance(c));
        const std::size_t n = track.instances.size();
        if (n > 1 && track.instances[n - 2].frame >= track.instances[n - 1].frame) {
          c.fail("instances must be in increasing frame order, one per frame");
        }
      });
    } else {
      c.skip();
    }
  });
  if (!haveId) c.fail("an object needs \"id\"");
  return track;
}

bool readInfoMember(json::Cursor& c, std::string_view key, DocumentInfo& info) {
  if (key == "schema") {
    c.forEachMember([&](std::string_view k) {
      if (k == "name") {
        info.schema.name = c.string();
      } else if (k == "version") {
        info.schema.version = static_cast<std::int32_t>(c.integer());
      } else if (k == "path") {
        info.schema.path = c.string();
      } else {
        c.skip();
      }
    });
  } else if (key == "dataset") {
    c.forEachMember([&](std::string_view k) {
      if (k == "format") {
        info.dataset.format = c.string();
      } else if (k == "path") {
        info.dataset.path = c.string();
      } else if (k == "sequence") {
        info.dataset.sequence = c.string();
      } else {
        c.skip();
      }
    });
  } else if (key == "frame_timestamps_ns") {
    c.forEachElement([&](std::size_t) { info.frameTimestampsNs.push_back(c.integer()); });
  } else {
    return false;
  }
  return true;
}

Result<Document> decodeDocument(std::string_view text, std::string_view sourceName) {
  json::Cursor c(text);
  try {
    Document document;
    DocumentEditor editor(document);
    DocumentInfo info;
    std::optional<std::int64_t> version;
    bool inOrder = true;
    std::vector<Track> outOfOrder;
    if (c.peekKind() != '{') c.fail("not a fuselabel label file (expected a JSON object)");
    c.forEachMember([&](std::string_view key) {
      if (key == "fuselabel_labels") {
        version = c.integer();
        if (*version > kNativeLabelsVersion) {
          c.fail("written by a newer fuselabel (format version " + std::to_string(*version) +
                 ", this build reads up to " + std::to_string(kNativeLabelsVersion) +
                 "); update fuselabel to open it");
        }
        if (*version < 1) c.fail("invalid format version " + std::to_string(*version));
      } else if (key == "objects") {
        c.forEachElement([&](std::size_t) {
          Track track = readTrackJson(c);
          const auto tracks = document.tracks();
          if (!tracks.empty() && tracks.back().object.id >= track.object.id) inOrder = false;
          if (inOrder) {
            editor.appendTrackInOrder(std::move(track));
          } else {
            outOfOrder.push_back(std::move(track));
          }
        });
      } else if (key == "audit") {
        c.forEachElement([&](std::size_t) { editor.appendAudit(readAuditJson(c)); });
      } else if (!readInfoMember(c, key, info)) {
        c.skip();
      }
    });
    c.expectEnd();
    if (!version)
      return Error::inFile(sourceName,
                           "not a fuselabel label file (no \"fuselabel_labels\" version)");
    for (Track& track : outOfOrder) {
      const ObjectId id = track.object.id;
      if (!editor.insertTrack(std::move(track))) {
        return Error::inFile(sourceName,
                             "object id " + std::to_string(id.value) + " appears twice");
      }
    }
    editor.setInfo(std::move(info));
    return document;
  } catch (const json::ParseFailure& failure) {
    return Error::at(sourceName,
                     "line " + std::to_string(c.lineOf(failure.offset)) + ", " + failure.path,
                     failure.what);
  }
}

}  // namespace fuselabel

#pragma once
// Internal: what every label reader and writer shares — building a document
// frame by frame and track by track, walking a document's cuboids per frame,
// class tables, and number formatting that round-trips.

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/annotation/document.hpp"
#include "datasets/labels/label_io.hpp"

namespace fuselabel::labels {

/// Builds a document from a file's records. Frames are the context's when it
/// has them (a record naming another frame is an error, never dropped), else
/// the ones the reader defines from the file.
class DocumentBuilder {
 public:
  /// Starts an empty document in `context`, recording `format` in its dataset reference.
  DocumentBuilder(const LabelContext& context, std::string_view format);

  /// Whether the context fixed the frames.
  [[nodiscard]] bool hasContextFrames() const { return !m_context.frames.empty(); }
  /// Defines the frames when the context has none (ids and times from the file).
  void defineFrames(std::vector<LabelFrame> frames);
  /// Frames in use.
  [[nodiscard]] const std::vector<LabelFrame>& frames() const { return m_frames; }
  /// Index of the frame called `id`, or nullopt.
  [[nodiscard]] std::optional<FrameIndex> frameById(std::string_view id) const;
  /// T_world_ego of a frame (identity for a static instance).
  [[nodiscard]] Eigen::Isometry3d T_world_ego(FrameIndex frame) const;

  /// The object of track `key` (created on first use with `className`); an
  /// empty key always creates a new object. Integer keys become the object's
  /// number when free.
  ObjectId object(const std::string& key, const std::string& className);
  /// Sets a static attribute of an object.
  void setObjectAttribute(ObjectId id, std::string name, AttributeValue value);
  /// Adds an instance; a second instance of one object in one frame is an error.
  Result<void> addInstance(ObjectId id, Instance instance);
  /// Class of an object.
  [[nodiscard]] const std::string& className(ObjectId id) const;

  /// Collected warnings.
  std::vector<std::string> warnings;
  /// The document (info from the context and frames).
  [[nodiscard]] Document finish();

 private:
  const LabelContext& m_context;
  std::string m_format;
  std::vector<LabelFrame> m_frames;
  std::vector<Track> m_tracks;
  std::map<std::string, std::size_t, std::less<>> m_byKey;
  std::map<std::int32_t, bool> m_numbers;
};

/// The frames an export writes: the context's, else the document's timestamps,
/// else 0..(largest frame) with ids "000000", "000001", …
[[nodiscard]] std::vector<LabelFrame> exportFrames(const Document& document,
                                                   const LabelContext& context);

/// One cuboid of one frame, as the per-frame formats write it.
struct FrameCuboid {
  const Track* track = nullptr;        ///< the object
  const Instance* instance = nullptr;  ///< its instance (a static one for every frame)
  FrameIndex frame = 0;                ///< the frame written
  const Cuboid* box = nullptr;         ///< in world
};

/// Every cuboid per frame (object id order within a frame), static instances
/// repeated in each frame; polylines are reported in `warnings` as left out.
[[nodiscard]] std::vector<std::vector<FrameCuboid>> cuboidsByFrame(
    const Document& document, std::size_t frameCount, std::string_view formatName,
    std::vector<std::string>& warnings);

/// A row of a class table: a format's class name and the schema class (plus
/// an optional per-frame attribute that distinguishes it, e.g. Person_sitting
/// = pedestrian with pose = sitting).
struct ClassMapping {
  const char* external;   ///< the format's name
  const char* internal;   ///< schema class
  const char* attribute;  ///< per-frame attribute set on import / required on export, or nullptr
  const char* value;      ///< its value
};

/// The schema class of a format class; unknown names are kept verbatim (and
/// reported by validation, never dropped). Sets the mapping's attribute on `attributes`.
[[nodiscard]] std::string importClass(std::span<const ClassMapping> table,
                                      std::string_view external, Attributes& attributes,
                                      bool& known);
/// The format class of a schema class: the first row matching the class (and
/// its attribute when the row has one); unknown classes are written verbatim.
[[nodiscard]] std::string exportClass(std::span<const ClassMapping> table,
                                      std::string_view internal, const Attributes& attributes);

/// Shortest text that reads back to the same double.
[[nodiscard]] std::string formatNumber(double value);
/// Parses a whole token as a double.
[[nodiscard]] std::optional<double> parseNumber(std::string_view token);
/// Parses a whole token as an integer.
[[nodiscard]] std::optional<std::int64_t> parseInteger(std::string_view token);
/// Writes `text` atomically (temporary file, rename), creating the parent folder.
Result<void> writeTextFile(const std::filesystem::path& path, std::string_view text);
/// Deterministic 32-hex-digit token (nuScenes style) of a text.
[[nodiscard]] std::string hexToken(std::string_view text);

}  // namespace fuselabel::labels

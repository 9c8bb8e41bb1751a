#include "app/gui/panels/camera_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "app/gui/layout.hpp"
#include "app/gui/panels/mouse_click.hpp"

namespace fuselabel::gui {
namespace {

ImTextureID toImGuiTexture(std::uint32_t glName) {
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(glName));
}

std::string withThousands(std::size_t n) {
  std::string digits = std::to_string(n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

}  // namespace

Result<std::unique_ptr<CameraPanel>> CameraPanel::create(std::string camera, std::size_t index,
                                                         std::size_t count,
                                                         const ViewerSession& session,
                                                         LabelSession& labels,
                                                         render::CameraOverlayStyle& style) {
  auto renderer = render::CameraViewRenderer::create();
  if (!renderer) {
    return renderer.error().withContext("camera panel '" + camera + "'");
  }
  return std::unique_ptr<CameraPanel>(new CameraPanel(std::move(camera),
                                                      layout::camera(index, count), session, labels,
                                                      style, std::move(renderer).value()));
}

CameraPanel::CameraPanel(std::string camera, PanelPlacement placement, const ViewerSession& session,
                         LabelSession& labels, render::CameraOverlayStyle& style,
                         render::CameraViewRenderer renderer)
    : Panel("Camera " + camera, placement),
      m_camera(std::move(camera)),
      m_session(session),
      m_labels(labels),
      m_style(style),
      m_renderer(std::move(renderer)) {
  m_state.name = m_camera;
  m_state.status = "loading";
}

ImGuiWindowFlags CameraPanel::windowFlags() const {
  return ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
         ImGuiWindowFlags_NoCollapse;
}

void CameraPanel::toggleEnlarged() {
  m_enlarged = !m_enlarged;
  m_applyPlacement = true;
}

void CameraPanel::placeWindow() {
  if (!m_applyPlacement) {
    Panel::placeWindow();
    return;
  }
  m_applyPlacement = false;
  if (m_enlarged) {
    PanelPlacement big = layout::enlargedCamera();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float bar = ImGui::GetFrameHeight();
    const ImVec2 area(viewport->Size.x, viewport->Size.y - 2.0F * bar);
    ImGui::SetNextWindowPos(
        ImVec2(viewport->Pos.x + big.x * area.x, viewport->Pos.y + bar + big.y * area.y),
        ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(big.width * area.x, big.height * area.y), ImGuiCond_Always);
    ImGui::SetNextWindowFocus();
  } else {
    ImGui::SetNextWindowPos(m_restorePos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(m_restoreSize, ImGuiCond_Always);
  }
}

void CameraPanel::syncWithFrame() {
  const std::shared_ptr<const FrameData>& data = m_session.shown();
  if (!data) {
    m_state.status = m_session.currentError() ? "error" : "loading";
    m_state.message = m_session.currentError().value_or(
        "loading frame " + m_session.frameId(m_session.currentFrame()));
    return;
  }
  if (data->version == m_frameVersion) {
    return;
  }
  m_frameVersion = data->version;
  m_state.frameId = data->id;
  m_state.pickedPoint.reset();
  const auto camera = std::find_if(data->cameras.begin(), data->cameras.end(),
                                   [&](const CameraFrame& c) { return c.name == m_camera; });
  if (camera == data->cameras.end()) {
    m_state.status = "error";
    m_state.message = "camera '" + m_camera + "' is not in frame " + data->id;
    m_renderer.clearImage();
    m_state.projectedPoints = 0;
    return;
  }
  m_state.status = toString(camera->status);
  m_state.message = camera->message;
  m_state.imageWidth = camera->width;
  m_state.imageHeight = camera->height;
  if (camera->status == CameraFrame::Status::Image && camera->image) {
    const Image& image = *camera->image;
    m_state.imageWidth = image.width;
    m_state.imageHeight = image.height;
    // The one upload per frame change: texture and projected points.
    m_renderer.setImage(image.rgb.data(), image.width, image.height, data->version);
    m_renderer.setProjectedPoints(camera->projected, image.width, image.height, data->version);
  } else {
    m_renderer.clearImage();
    m_renderer.setProjectedPoints({}, std::max(camera->width, 1), std::max(camera->height, 1),
                                  data->version);
  }
  m_state.projectedPoints = camera->projected.size() / 3;
}

void CameraPanel::syncLabels() {
  const std::shared_ptr<const FrameData>& data = m_session.shown();
  const Sequence* sequence = m_session.sequence();
  if (!data || sequence == nullptr) {
    return;
  }
  const std::uint64_t predictionVersion = m_predictions ? m_predictions->version() : 0;
  if (data->version == m_boxesFrameVersion && m_labels.version() == m_boxesLabelVersion &&
      predictionVersion == m_boxesPredictionVersion) {
    return;
  }
  m_boxesFrameVersion = data->version;
  m_boxesLabelVersion = m_labels.version();
  m_boxesPredictionVersion = predictionVersion;
  m_projectedLabels.clear();
  m_state.predictionsShown = 0;
  const std::vector<FrameBox>& boxes = m_labels.boxesAt(data->index);
  const std::vector<FrameLane>& lanes = m_labels.lanesAt(data->index);
  auto rig = sequence->rig(data->index);
  const Sensor* sensor = rig ? (*rig)->find(m_camera) : nullptr;
  auto T_camera_ego = rig ? (*rig)->transform(m_camera, SensorRig::kEgoFrame)
                          : Result<Eigen::Isometry3d>(Error{"no rig"});
  std::vector<render::LineSegment> segments;
  if (sensor != nullptr && sensor->camera && T_camera_ego) {
    const CameraModel& model = *sensor->camera;
    const Eigen::Isometry3d T = *T_camera_ego;
    // Distorted lenses bend long edges: sample them; a pinhole needs no samples.
    const int samples = model.intrinsics().model == DistortionModel::None ? 1 : 8;
    const auto project = [&](const Eigen::Vector3d& p) -> std::optional<Eigen::Vector2d> {
      const Eigen::Vector3d inCamera = T * p;
      if (inCamera.z() < 0.1) {
        return std::nullopt;
      }
      return model.project(inCamera);
    };
    const Eigen::Vector3d eye = T.inverse().translation();
    if (!boxes.empty() || !lanes.empty()) {
      m_projectedLabels = projectLabels(boxes, lanes, project, eye, samples);
    }
    segments = overlaySegmentsInImage(m_projectedLabels, m_labels.selected());
    if (m_predictions != nullptr && m_predictions->shown()) {
      // Drawn, not pickable: a click still selects the labels.
      const auto predicted =
          projectLabels(predictedOverlayBoxes(*m_predictions, m_labels, data->index), {}, project,
                        eye, samples, predictionStyle());
      m_state.predictionsShown = predicted.size();
      auto lines = overlaySegmentsInImage(predicted, ObjectId{}, predictionStyle());
      segments.insert(segments.end(), lines.begin(), lines.end());
      const auto missed = projectLabels(missOutlineBoxes(*m_predictions, m_labels, data->index), {},
                                        project, eye, samples, missOutlineStyle());
      lines = overlaySegmentsInImage(missed, ObjectId{}, missOutlineStyle());
      segments.insert(segments.end(), lines.begin(), lines.end());
    }
  }
  m_renderer.setOverlaySegments(segments);
  m_state.boxesShown = m_projectedLabels.size();
  m_state.cuboidsShown = static_cast<std::size_t>(
      std::count_if(m_projectedLabels.begin(), m_projectedLabels.end(), [&](const auto& label) {
        return std::any_of(boxes.begin(), boxes.end(),
                           [&](const FrameBox& box) { return box.id == label.id; });
      }));
}

void CameraPanel::updateBoxRects() {
  m_state.boxes.clear();
  const ScreenRect& r = m_state.imageRect;
  if (m_state.imageWidth <= 0 || m_state.imageHeight <= 0) {
    return;
  }
  const float sx = r.width / static_cast<float>(m_state.imageWidth);
  const float sy = r.height / static_cast<float>(m_state.imageHeight);
  for (const ProjectedLabel& p : m_projectedLabels) {
    Eigen::Vector2f lo = Eigen::Vector2f::Constant(std::numeric_limits<float>::max());
    Eigen::Vector2f hi = -lo;
    for (const ImageSegment& s : p.outline.segments) {
      lo = lo.cwiseMin(s.start).cwiseMin(s.end);
      hi = hi.cwiseMax(s.start).cwiseMax(s.end);
    }
    // Only the part inside the picture is on screen.
    lo = lo.cwiseMax(Eigen::Vector2f::Zero());
    hi = hi.cwiseMin(Eigen::Vector2f(static_cast<float>(m_state.imageWidth),
                                     static_cast<float>(m_state.imageHeight)));
    if (lo.x() >= hi.x() || lo.y() >= hi.y()) {
      continue;
    }
    const Object* object = m_labels.document().object(p.id);
    m_state.boxes.push_back(
        {p.id.value,
         object != nullptr ? object->className + " " + std::to_string(object->number) : "",
         {r.x + lo.x() * sx, r.y + lo.y() * sy, (hi.x() - lo.x()) * sx, (hi.y() - lo.y()) * sy}});
  }
}

bool CameraPanel::takeClickAsRay(const Eigen::Vector2f& pixel) {
  const std::shared_ptr<const FrameData>& data = m_session.shown();
  const Sequence* sequence = m_session.sequence();
  if (!data || sequence == nullptr) {
    return false;
  }
  auto rig = sequence->rig(data->index);
  const Sensor* sensor = rig ? (*rig)->find(m_camera) : nullptr;
  auto T_ego_camera = rig ? (*rig)->transform(SensorRig::kEgoFrame, m_camera)
                          : Result<Eigen::Isometry3d>(Error{"no rig"});
  if (sensor == nullptr || !sensor->camera || !T_ego_camera) {
    return false;
  }
  // The lens model undoes the distortion, so the ray is the true one.
  const auto ray = sensor->camera->unproject(pixel.cast<double>());
  if (!ray) {
    return false;
  }
  return m_rayHandler(T_ego_camera->translation(), T_ego_camera->linear() * *ray);
}

void CameraPanel::pickAt(const ImVec2& mouse) {
  const ScreenRect& r = m_state.imageRect;
  if (r.width <= 0.0F || r.height <= 0.0F || m_state.imageWidth <= 0) {
    return;
  }
  const Eigen::Vector2f pixel((mouse.x - r.x) / r.width * static_cast<float>(m_state.imageWidth),
                              (mouse.y - r.y) / r.height * static_cast<float>(m_state.imageHeight));
  if (m_rayHandler && takeClickAsRay(pixel)) {
    return;
  }
  const ObjectId hit = pickLabel(m_projectedLabels, pixel);
  m_labels.select(hit);
  m_state.pickedPoint.reset();
  const std::shared_ptr<const FrameData>& data = m_session.shown();
  if (hit.value != 0 || !data || !m_style.showPoints) {
    return;
  }
  // No label there: the projected LiDAR point nearest the click (within 6
  // image pixels), the nearer to the camera on ties.
  const auto camera = std::find_if(data->cameras.begin(), data->cameras.end(),
                                   [&](const CameraFrame& c) { return c.name == m_camera; });
  if (camera == data->cameras.end()) {
    return;
  }
  const std::vector<float>& p = camera->projected;
  float best = 36.0F;
  for (std::size_t i = 0; i + 2 < p.size(); i += 3) {
    const float d2 =
        (p[i] - pixel.x()) * (p[i] - pixel.x()) + (p[i + 1] - pixel.y()) * (p[i + 1] - pixel.y());
    if (d2 < best - 1.0F ||
        (d2 <= best + 1.0F && m_state.pickedPoint && p[i + 2] < m_state.pickedPoint->z())) {
      best = std::min(best, d2);
      m_state.pickedPoint = Eigen::Vector3f(p[i], p[i + 1], p[i + 2]);
    }
  }
}

void CameraPanel::drawPickedPoint(const ImVec2& min, const ImVec2& max) const {
  if (!m_state.pickedPoint || m_state.imageWidth <= 0 || m_state.imageHeight <= 0) {
    return;
  }
  const Eigen::Vector3f& p = *m_state.pickedPoint;
  const ImVec2 c(min.x + p.x() / static_cast<float>(m_state.imageWidth) * (max.x - min.x),
                 min.y + p.y() / static_cast<float>(m_state.imageHeight) * (max.y - min.y));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddCircle(c, 6.0F, IM_COL32(255, 255, 255, 255), 16, 2.0F);
  char text[96];
  std::snprintf(text, sizeof text, "depth %.2f m\npixel %.0f, %.0f", static_cast<double>(p.z()),
                static_cast<double>(p.x()), static_cast<double>(p.y()));
  const ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 at(c.x + 10.0F, c.y + 8.0F);
  at.x = std::min(at.x, max.x - size.x - 12.0F);
  at.y = std::min(at.y, max.y - size.y - 8.0F);
  draw->AddRectFilled(at, ImVec2(at.x + size.x + 12.0F, at.y + size.y + 8.0F),
                      IM_COL32(20, 22, 25, 220), 3.0F);
  draw->AddText(ImVec2(at.x + 6.0F, at.y + 4.0F), IM_COL32(230, 232, 236, 255), text);
}

void CameraPanel::drawSelectedTag(const ImVec2& min, const ImVec2& max) const {
  const ObjectId selected = m_labels.selected();
  const auto it = std::find_if(m_projectedLabels.begin(), m_projectedLabels.end(),
                               [&](const ProjectedLabel& p) { return p.id == selected; });
  if (it == m_projectedLabels.end() || m_state.imageWidth <= 0 || m_state.imageHeight <= 0) {
    return;
  }
  // Above the topmost visible point of the box, clamped into the picture.
  float top = std::numeric_limits<float>::max();
  float u = 0.0F;
  for (const ImageSegment& s : it->outline.segments) {
    for (const Eigen::Vector2f& p : {s.start, s.end}) {
      if (p.y() < top) {
        top = p.y();
        u = p.x();
      }
    }
  }
  const float sx = (max.x - min.x) / static_cast<float>(m_state.imageWidth);
  const float sy = (max.y - min.y) / static_cast<float>(m_state.imageHeight);
  const Document& document = m_labels.document();
  const Object* object = document.object(selected);
  if (object == nullptr) {
    return;
  }
  const std::string text = object->className + " " + std::to_string(object->number);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  ImVec2 at(min.x + u * sx - size.x * 0.5F, min.y + top * sy - size.y - 8.0F);
  at.x = std::clamp(at.x, min.x + 2.0F, std::max(min.x + 2.0F, max.x - size.x - 10.0F));
  at.y = std::clamp(at.y, min.y + 2.0F, std::max(min.y + 2.0F, max.y - size.y - 6.0F));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Eigen::Vector4f c = overlayColour(classColour(object->className), true);
  draw->AddRectFilled(at, ImVec2(at.x + size.x + 8.0F, at.y + size.y + 4.0F),
                      IM_COL32(20, 22, 25, 210), 3.0F);
  draw->AddText(ImVec2(at.x + 4.0F, at.y + 2.0F),
                ImGui::ColorConvertFloat4ToU32(ImVec4(c.x(), c.y(), c.z(), 1.0F)), text.c_str());
}

void CameraPanel::drawToolbar() {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(m_camera.c_str());
  ImGui::SameLine();
  if (m_state.status == "image") {
    ImGui::TextDisabled("%dx%d  %s pts", m_state.imageWidth, m_state.imageHeight,
                        withThousands(m_state.projectedPoints).c_str());
  } else if (m_state.status == "no_image") {
    ImGui::TextDisabled("no image");
  } else if (m_state.status == "error") {
    ImGui::TextColored(ImVec4(1.0F, 0.5F, 0.42F, 1.0F), "error");
  } else {
    ImGui::TextDisabled("loading");
  }
  const char* enlarge = m_enlarged ? "Restore" : "Enlarge";
  const float buttonWidth =
      ImGui::CalcTextSize(enlarge).x + ImGui::GetStyle().FramePadding.x * 2.0F;
  const float pointsWidth = ImGui::CalcTextSize("Points").x + ImGui::GetFrameHeight() + 8.0F;
  const float right = ImGui::GetWindowContentRegionMax().x - buttonWidth - pointsWidth - 8.0F;
  ImGui::SameLine();
  if (right > ImGui::GetCursorPosX()) {
    ImGui::SetCursorPosX(right);
  }
  ImGui::Checkbox("Points", &m_style.showPoints);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "LiDAR points projected into the image, coloured by depth (near red, far blue)");
  }
  ImGui::SameLine();
  if (ImGui::Button(enlarge)) {
    toggleEnlarged();
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Show this camera over the 3D view (double-click the image does the same)");
  }
}

void CameraPanel::drawPlaceholder(const ImVec2& min, const ImVec2& max, const std::string& text,
                                  bool error) const {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, IM_COL32(16, 17, 20, 255));
  draw->AddRect(min, max, IM_COL32(60, 64, 72, 255));
  const float wrap = std::max(40.0F, max.x - min.x - 24.0F);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  const ImVec2 at(min.x + (max.x - min.x - size.x) * 0.5F, min.y + (max.y - min.y - size.y) * 0.5F);
  draw->AddText(nullptr, 0.0F, at,
                error ? IM_COL32(255, 130, 110, 255) : IM_COL32(170, 175, 185, 255), text.c_str(),
                nullptr, wrap);
}

void CameraPanel::drawContents() {
  if (!m_enlarged) {
    m_restorePos = ImGui::GetWindowPos();
    m_restoreSize = ImGui::GetWindowSize();
  }
  syncWithFrame();
  syncLabels();
  m_state.enlarged = m_enlarged;
  drawToolbar();

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (avail.x < 4.0F || avail.y < 4.0F) {
    return;
  }
  // Fit the image's aspect ratio inside the panel, centred: nothing is cut off.
  const float aspect =
      m_state.imageWidth > 0 && m_state.imageHeight > 0
          ? static_cast<float>(m_state.imageWidth) / static_cast<float>(m_state.imageHeight)
          : 4.0F / 3.0F;
  float w = avail.x;
  float h = w / aspect;
  if (h > avail.y) {
    h = avail.y;
    w = h * aspect;
  }
  const ImVec2 min(std::floor(origin.x + (avail.x - w) * 0.5F),
                   std::floor(origin.y + (avail.y - h) * 0.5F));
  const ImVec2 max(min.x + std::floor(w), min.y + std::floor(h));
  m_state.imageRect = {min.x, min.y, max.x - min.x, max.y - min.y};
  updateBoxRects();

  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("##camera_image",
                         ImVec2(std::max(max.x - min.x, 1.0F), std::max(max.y - min.y, 1.0F)));
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    toggleEnlarged();
  } else if (ImGui::IsItemHovered() && releasedWithoutDrag(ImGuiMouseButton_Left)) {
    pickAt(ImGui::GetIO().MousePos);
  }

  const bool loading = !m_session.currentLoaded();
  m_state.textureShown = false;
  if (m_state.status == "image") {
    const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
    const int pw = static_cast<int>(std::lround((max.x - min.x) * scale.x));
    const int ph = static_cast<int>(std::lround((max.y - min.y) * scale.y));
    if (Result<void> sized = m_target.resize(pw, ph); !sized) {
      drawPlaceholder(min, max, sized.error().message, true);
      return;
    }
    m_renderer.render(m_target, m_style);
    ImGui::GetWindowDrawList()->AddImage(toImGuiTexture(m_target.colorTexture().id()), min, max,
                                         ImVec2(0.0F, 1.0F), ImVec2(1.0F, 0.0F));
    m_state.textureShown = true;
    drawSelectedTag(min, max);
    drawPickedPoint(min, max);
  } else if (m_state.status == "no_image") {
    drawPlaceholder(min, max, m_state.message, false);
  } else {
    drawPlaceholder(min, max, m_state.message.empty() ? "loading" : m_state.message,
                    m_state.status == "error");
  }
  if (loading && m_session.state() == DatasetState::Open && m_session.shown()) {
    // The previous frame stays up while the next one loads; say so.
    const std::string text = "loading " + m_session.frameId(m_session.currentFrame());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddRectFilled(ImVec2(min.x + 6.0F, min.y + 6.0F),
                        ImVec2(min.x + 18.0F + size.x, min.y + 10.0F + size.y),
                        IM_COL32(20, 22, 25, 200), 3.0F);
    draw->AddText(ImVec2(min.x + 12.0F, min.y + 8.0F), IM_COL32(230, 200, 120, 255), text.c_str());
  }
}

}  // namespace fuselabel::gui

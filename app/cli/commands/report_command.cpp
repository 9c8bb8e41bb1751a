// `fuselabel-cli report --gt A --pred B -o DIR`: an HTML page with PNG charts
// drawn by the tool (plots.hpp) for an agreement/evaluation run: precision /
// recall curves per class (3D IoU at the class threshold), per-class error
// histograms of the matched boxes (centre, size, yaw), and the per-frame
// agreement timeline. The numbers are those of `agree` and `eval`.

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include <opencv2/imgcodecs.hpp>

#include "app/cli/command.hpp"
#include "app/cli/commands/labels_support.hpp"
#include "app/cli/commands/plots.hpp"
#include "app/cli/commands/quality_json.hpp"
#include "core/quality/agreement.hpp"
#include "core/quality/detection_ap.hpp"

namespace fuselabel::cli {
namespace {

struct ReportOptions {
  std::string gt;
  std::string pred;
  std::string output;
  std::string format;
  std::string dataset;
  DatasetOpenOptions datasetOptions;
  double iou = 0.5;
};

std::string html(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string number(double value, int decimals = 3) {
  if (!std::isfinite(value)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// A file name part from a class name ("traffic_cone" stays, anything odd becomes '_').
std::string slug(const std::string& name) {
  std::string out;
  for (const char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

int runReport(const ReportOptions& options) {
  const auto fail = [](const std::string& message) {
    std::cerr << "fuselabel-cli report: " << message << "\n";
    return kExitFailure;
  };
  auto loadedGt = loadLabels(options.gt, options.format, options.dataset, options.datasetOptions);
  if (!loadedGt) return fail(loadedGt.error().message);
  printLabelWarnings("report", loadedGt->labels.warnings);
  auto loadedPred = readLabels(options.pred, loadedGt->context, options.format);
  if (!loadedPred) return fail(loadedPred.error().message);
  printLabelWarnings("report", loadedPred->warnings);
  const std::filesystem::path dir(options.output);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return fail(dir.string() + ": cannot create the folder: " + error.message());

  const LabelSchema& schema = defaultLabelSchema();
  const Document& gt = loadedGt->labels.document;
  const Document& pred = loadedPred->document;
  AgreementOptions agreement;
  agreement.match.iouThreshold = options.iou;
  const AgreementReport report = compareLabels(gt, pred, schema, agreement);

  // Per class: AP curve (3D IoU at the class threshold), as `eval` computes it.
  std::map<std::string, ClassDetections> classes;
  for (const auto& [frame, boxes] : boxesByFrame(gt, schema))
    for (const LabeledBox& box : boxes)
      classes[box.className].groundTruth.push_back({box, false});
  for (const auto& [frame, boxes] : boxesByFrame(pred, schema))
    for (const LabeledBox& box : boxes)
      classes[box.className].predictions.push_back(box);

  const auto save = [&](const std::string& name,
                        const cv::Mat& image) -> std::optional<std::string> {
    const auto path = dir / name;
    bool written = false;
    try {
      written = cv::imwrite(path.string(), image);
    } catch (const cv::Exception& e) {
      return path.string() + ": " + e.what();
    }
    if (!written) return path.string() + ": cannot write the image";
    return std::nullopt;
  };

  std::vector<PlotSeries> curves;
  std::ostringstream apRows;
  for (const auto& [name, detections] : classes) {
    const double threshold = defaultEvalIou(name, schema);
    const ApResult ap = averagePrecision(detections, ApCriterion::Iou3d, threshold);
    apRows << "<tr><td>" << html(name) << "</td><td>" << ap.groundTruth << "</td><td>"
           << detections.predictions.size() << "</td><td>" << number(threshold, 2) << "</td><td>"
           << (ap.ap ? number(*ap.ap, 4) : "-") << "</td></tr>\n";
    if (!ap.ap || ap.curve.empty()) continue;
    PlotSeries series;
    series.label = name + " AP " + number(*ap.ap, 3);
    // The curve starts at recall 0 with the first point's precision.
    series.x.push_back(0.0);
    series.y.push_back(ap.curve.front().precision);
    for (const PrPoint& p : ap.curve) {
      series.x.push_back(p.recall);
      series.y.push_back(p.precision);
    }
    curves.push_back(std::move(series));
  }
  if (auto problem = save("pr_curves.png",
                          linePlot(curves, {"Precision / recall (3D IoU at the class threshold)",
                                            "recall", "precision", 0, 1, 0, 1.02})))
    return fail(*problem);

  // Per-class error histograms of the matched pairs.
  std::map<std::string, std::array<std::vector<double>, 3>> errors;  // centre, size, yaw (deg)
  for (const AgreedPair& p : report.matches) {
    auto& e = errors[p.a.className];
    e[0].push_back(p.centreError);
    e[1].push_back(p.sizeError.maxCoeff());
    e[2].push_back(p.yawError * 180.0 / 3.14159265358979323846);
  }
  std::ostringstream histograms;
  for (const auto& [name, e] : errors) {
    const std::string base = "errors_" + slug(name);
    const double maxCentre = std::max(0.5, *std::max_element(e[0].begin(), e[0].end()));
    const double maxSize = std::max(0.5, *std::max_element(e[1].begin(), e[1].end()));
    const double maxYaw = std::max(10.0, *std::max_element(e[2].begin(), e[2].end()));
    const std::pair<std::string, cv::Mat> images[] = {
        {base + "_centre.png",
         histogramPlot(e[0], 20, {name + ": centre error", "m", "pairs", 0, maxCentre})},
        {base + "_size.png",
         histogramPlot(e[1], 20, {name + ": largest size error", "m", "pairs", 0, maxSize})},
        {base + "_yaw.png",
         histogramPlot(e[2], 20, {name + ": yaw error", "degrees", "pairs", 0, maxYaw})}};
    histograms << "<h3>" << html(name) << " (" << e[0].size() << " matched pairs)</h3>\n<p>";
    for (const auto& [file, image] : images) {
      if (auto problem = save(file, image)) return fail(*problem);
      histograms << "<img src=\"" << html(file) << "\" alt=\"" << html(file) << "\"> ";
    }
    histograms << "</p>\n";
  }

  // Per-frame agreement: matched / (matched + only in A + only in B), and mean IoU.
  std::map<FrameIndex, std::array<double, 4>> perFrame;  // matches, onlyA, onlyB, sum IoU
  for (const AgreedPair& p : report.matches) {
    perFrame[p.a.frame][0] += 1;
    perFrame[p.a.frame][3] += p.iou3d;
  }
  for (const LabeledBox& box : report.unmatchedA)
    perFrame[box.frame][1] += 1;
  for (const LabeledBox& box : report.unmatchedB)
    perFrame[box.frame][2] += 1;
  PlotSeries agreed{{}, {}, "matched share"};
  PlotSeries meanIou{{}, {}, "mean 3D IoU"};
  double firstFrame = 0.0, lastFrame = 1.0;
  for (const auto& [frame, c] : perFrame) {
    if (frame == kStaticFrame) continue;
    if (agreed.x.empty()) firstFrame = frame;
    lastFrame = frame;
    agreed.x.push_back(frame);
    agreed.y.push_back(c[0] / (c[0] + c[1] + c[2]));
    meanIou.x.push_back(frame);
    meanIou.y.push_back(c[0] > 0 ? c[3] / c[0] : 0.0);
  }
  if (lastFrame <= firstFrame) lastFrame = firstFrame + 1.0;
  if (auto problem = save("timeline.png", linePlot({agreed, meanIou},
                                                   {"Agreement per frame", "frame", "share / IoU",
                                                    firstFrame, lastFrame, 0, 1.02})))
    return fail(*problem);

  std::ostringstream classRows;
  const auto classRow = [&classRows](const std::string& name, const ClassAgreement& c) {
    const Eigen::Vector3d size = c.meanSizeError();
    classRows << "<tr><td>" << html(name) << "</td><td>" << c.boxesA << "</td><td>" << c.boxesB
              << "</td><td>" << c.matches << "</td><td>" << number(c.precision()) << "</td><td>"
              << number(c.recall()) << "</td><td>" << number(c.meanIou3d()) << "</td><td>"
              << number(c.meanCentreError()) << "</td><td>" << number(size.x(), 2) << " / "
              << number(size.y(), 2) << " / " << number(size.z(), 2) << "</td><td>"
              << number(c.meanYawError() * 180.0 / 3.14159265358979323846, 2) << "</td><td>"
              << c.idSwitches << "</td><td>" << c.fragmentations << "</td></tr>\n";
  };
  for (const auto& [name, c] : report.perClass)
    classRow(name, c);
  classRow("total", report.total);

  std::ofstream page(dir / "index.html");
  page << "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>fuselabel quality "
          "report</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
          "collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
          "td:first-child{text-align:left}</style></head><body>\n"
       << "<h1>Quality report</h1>\n<p>Reference (A, ground truth): <code>" << html(options.gt)
       << "</code><br>Compared (B, predictions): <code>" << html(options.pred)
       << "</code><br>Matching: Hungarian per frame and class, 3D IoU &ge; "
       << number(options.iou, 2)
       << " (small boxes also within 0.5 m). AP: all-points interpolation at the class threshold "
          "(0.7 motor vehicles, 0.5 others). Definitions: docs/quality.md.</p>\n"
       << "<h2>Agreement per class</h2>\n<table><tr><th>class</th><th>A</th><th>B</th><th>"
          "matched</th><th>precision</th><th>recall</th><th>IoU 3D</th><th>centre (m)</th><th>"
          "size l / w / h (m)</th><th>yaw (deg)</th><th>ID switches</th><th>fragmentations</th>"
          "</tr>\n"
       << classRows.str() << "</table>\n"
       << "<h2>Average precision (3D)</h2>\n<table><tr><th>class</th><th>GT</th><th>predictions"
          "</th><th>IoU</th><th>AP</th></tr>\n"
       << apRows.str() << "</table>\n<p><img src=\"pr_curves.png\" alt=\"PR curves\"></p>\n"
       << "<h2>Agreement per frame</h2>\n<p><img src=\"timeline.png\" alt=\"timeline\"></p>\n"
       << "<h2>Errors of matched boxes</h2>\n"
       << histograms.str() << "<h2>Disagreements</h2>\n<p>" << report.disagreements.size()
       << " (listed by <code>fuselabel-cli agree</code>)</p>\n</body></html>\n";
  page.close();
  if (!page) return fail((dir / "index.html").string() + ": cannot write the page");
  std::cout << "wrote " << (dir / "index.html").string() << " with " << 2 + 3 * errors.size()
            << " charts\n";
  return kExitOk;
}

}  // namespace

Command addReportCommand(CLI::App& parent) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* sub = parent.add_subcommand(
      "report",
      "HTML page with PR curves, per-class error histograms and the per-frame "
      "agreement timeline of two label sets");
  sub->add_option("--gt", options->gt, "reference / ground-truth label file (A)")->required();
  sub->add_option("--pred", options->pred, "compared / predicted label file (B)")->required();
  sub->add_option("-o,--output", options->output, "folder for index.html and the PNG charts")
      ->required();
  sub->add_option("--labels-format", options->format,
                  "label format of both (default: detected; " + labelFormatNames() + ")");
  addOptionalDatasetOptions(*sub, options->dataset, options->datasetOptions,
                            "dataset the labels belong to (needed by formats in sensor frames)");
  sub->add_option("--iou", options->iou, "3D IoU a matched pair needs (default 0.5)")
      ->check(CLI::Range(0.0, 1.0));
  return {sub, [options] { return runReport(*options); }};
}

}  // namespace fuselabel::cli

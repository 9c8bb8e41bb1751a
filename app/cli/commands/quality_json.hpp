#pragma once
// JSON and table output of agreement reports, shared by `agree` and `eval`.

#include <nlohmann/json.hpp>

#include "core/annotation/label_schema.hpp"
#include "core/quality/agreement.hpp"

namespace fuselabel::cli {

/// The IoU threshold `eval` and `report` use for a class by default (KITTI's):
/// 0.7 for motor vehicles, 0.5 for pedestrians, cyclists, bicycles,
/// motorcycles and everything else.
double defaultEvalIou(const std::string& className, const LabelSchema& schema);

/// A box as {frame, class, object (track number)}.
nlohmann::json boxJson(const LabeledBox& box);

/// Totals of one class: boxes, matches, precision, recall, mean errors, ID switches, MOTA.
nlohmann::json classAgreementJson(const ClassAgreement& c);

/// The whole report: matches, unmatched_a, unmatched_b, per_class, total, disagreements.
nlohmann::json agreementJson(const AgreementReport& report);

/// The per-class table (one line per class and a total line) on stdout.
void printAgreementTable(const AgreementReport& report);

}  // namespace fuselabel::cli

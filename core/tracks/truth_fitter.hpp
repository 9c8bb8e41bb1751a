#pragma once
// An oracle for the effort benchmark: a "fitter" that returns the true box
// wherever the truth says the sensor saw the object with enough points. Run
// in place of the auto-fit, it measures how many keys kalman-fit would still
// need with perfect fits, i.e. the keys no better fitting can save.

#include <functional>

#include "core/annotation/document.hpp"
#include "core/tracks/track_fill.hpp"

namespace fuselabel {

/// Per object, a fitter that returns the truth instance's box (at the frame's
/// time, quality 1) where its `num_points` attribute is at least `minPoints`,
/// and nothing elsewhere (nor where the attribute is missing). `truth` must
/// outlive the fitters.
[[nodiscard]] std::function<FrameFitter(const Object&)> truthFitterFactory(const Document& truth,
                                                                           int minPoints);

}  // namespace fuselabel

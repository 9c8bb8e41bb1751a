#include "core/tracks/box_smoother.hpp"

#include <array>
#include <cmath>
#include <numbers>

#include <Eigen/Cholesky>

#include "core/geometry/angle.hpp"

namespace fuselabel {
namespace {

using namespace box_state;
using Transition = BoxCovariance;

constexpr int kObs = 7;  // x, y, z, yaw, l, w, h
using ObsVector = Eigen::Matrix<double, kObs, 1>;
using ObsMatrix = Eigen::Matrix<double, kObs, kObs>;

// Process noise scales, from the class's limits: the 1-sigma acceleration is
// a third of the largest plausible one, so a hard brake is a 3-sigma event.
struct NoiseScales {
  double acceleration;  // m/s²
  double vertical;      // m/s², z follows the ground
  double yawRate;       // rad/s (CV: yaw random walk), rad/s² (CTRV: turn-rate change)
  double size;          // m/sqrt(s): a rigid object barely changes size
};

NoiseScales noiseScales(const MotionLimits& limits) {
  return {limits.maxAcceleration / 3.0, 0.5, limits.maxYawRate / 3.0, 0.005};
}

// One motion model: the state's evolution over dt, its Jacobian, its noise.
struct ConstantVelocity {
  static BoxState predict(const BoxState& x, double dt) {
    BoxState out = x;
    out.segment<3>(kX) += dt * x.segment<3>(kMotion);
    return out;
  }
  static Transition jacobian(const BoxState& /*x*/, double dt) {
    Transition F = Transition::Identity();
    for (int i = 0; i < 3; ++i)
      F(kX + i, kMotion + i) = dt;
    return F;
  }
  static BoxCovariance noise(const BoxState& /*x*/, double dt, const NoiseScales& s) {
    BoxCovariance Q = BoxCovariance::Zero();
    // White-noise acceleration: each position/velocity pair.
    const double q4 = dt * dt * dt * dt / 4.0;
    const double q3 = dt * dt * dt / 2.0;
    const double q2 = dt * dt;
    for (int i = 0; i < 3; ++i) {
      const double a = i < 2 ? s.acceleration : s.vertical;
      Q(kX + i, kX + i) = q4 * a * a;
      Q(kX + i, kMotion + i) = Q(kMotion + i, kX + i) = q3 * a * a;
      Q(kMotion + i, kMotion + i) = q2 * a * a;
    }
    Q(kYaw, kYaw) = dt * s.yawRate * s.yawRate;
    for (int i = 0; i < 3; ++i)
      Q(kSize + i, kSize + i) = dt * s.size * s.size;
    return Q;
  }
  // Ground-plane and vertical velocity, to move the state by an observation's time offset.
  static Eigen::Vector3d velocity(const BoxState& x) { return x.segment<3>(kMotion); }
  static Eigen::Matrix3d velocityJacobian(const BoxState& /*x*/, int column) {
    if (column != kMotion) return Eigen::Matrix3d::Zero();
    return Eigen::Matrix3d::Identity();
  }
  static void seed(BoxState& x, BoxCovariance& P, const std::optional<MotionSeed>& seed,
                   const MotionLimits& limits) {
    if (seed) x.segment<3>(kMotion) = seed->velocity;
    const double sv = 0.5 * limits.maxSpeed;
    P(kMotion, kMotion) = P(kMotion + 1, kMotion + 1) = sv * sv;
    P(kMotion + 2, kMotion + 2) = 1.0;
  }
};

// Constant speed v along the heading, vertical speed vz, constant turn rate w.
struct ConstantTurnRate {
  static constexpr int kV = kMotion;
  static constexpr int kVz = kMotion + 1;
  static constexpr int kW = kMotion + 2;

  static BoxState predict(const BoxState& x, double dt) {
    BoxState out = x;
    const double yaw = x(kYaw);
    const double v = x(kV);
    const double w = x(kW);
    if (std::abs(w) > 1e-6) {
      out(kX) += v / w * (std::sin(yaw + w * dt) - std::sin(yaw));
      out(kY) += v / w * (std::cos(yaw) - std::cos(yaw + w * dt));
    } else {
      out(kX) += v * dt * std::cos(yaw);
      out(kY) += v * dt * std::sin(yaw);
    }
    out(kZ) += x(kVz) * dt;
    out(kYaw) += w * dt;
    return out;
  }
  static Transition jacobian(const BoxState& x, double dt) {
    // Central differences: exact enough, and valid through w = 0.
    Transition F;
    for (int j = 0; j < 10; ++j) {
      const double h = 1e-6 * std::max(1.0, std::abs(x(j)));
      BoxState plus = x;
      BoxState minus = x;
      plus(j) += h;
      minus(j) -= h;
      F.col(j) = (predict(plus, dt) - predict(minus, dt)) / (2.0 * h);
    }
    return F;
  }
  static BoxCovariance noise(const BoxState& x, double dt, const NoiseScales& s) {
    // Noise enters as along-track acceleration, vertical acceleration and
    // turn-rate change, each held over dt.
    Eigen::Matrix<double, 10, 3> G = Eigen::Matrix<double, 10, 3>::Zero();
    const double half = 0.5 * dt * dt;
    G(kX, 0) = half * std::cos(x(kYaw));
    G(kY, 0) = half * std::sin(x(kYaw));
    G(kV, 0) = dt;
    G(kZ, 1) = half;
    G(kVz, 1) = dt;
    G(kYaw, 2) = half;
    G(kW, 2) = dt;
    const Eigen::Vector3d sigma(s.acceleration, s.vertical, s.yawRate);
    const Eigen::Matrix<double, 10, 3> Gs = G * sigma.cwiseAbs2().asDiagonal();
    BoxCovariance Q = Gs.lazyProduct(G.transpose());
    for (int i = 0; i < 3; ++i)
      Q(kSize + i, kSize + i) += dt * s.size * s.size;
    return Q;
  }
  static Eigen::Vector3d velocity(const BoxState& x) {
    return {x(kV) * std::cos(x(kYaw)), x(kV) * std::sin(x(kYaw)), x(kVz)};
  }
  static Eigen::Matrix3d velocityJacobian(const BoxState& x, int column) {
    // d(velocity)/d(v, vz) at the motion columns; the yaw term is left out
    // (the offsets are a fraction of a sweep).
    Eigen::Matrix3d J = Eigen::Matrix3d::Zero();
    if (column != kMotion) return J;
    J(0, 0) = std::cos(x(kYaw));
    J(1, 0) = std::sin(x(kYaw));
    J(2, 1) = 1.0;
    return J;
  }
  static void seed(BoxState& x, BoxCovariance& P, const std::optional<MotionSeed>& seed,
                   const MotionLimits& limits) {
    if (seed) {
      x(kV) = seed->speed;
      x(kVz) = seed->velocity.z();
      x(kW) = seed->yawRate;
    }
    const double sv = 0.5 * limits.maxSpeed;
    P(kV, kV) = sv * sv;
    P(kVz, kVz) = 1.0;
    P(kW, kW) = limits.maxYawRate * limits.maxYawRate;
  }
};

// A · P · Aᵀ with coefficient-wise products: for these 10×10 fixed sizes
// Eigen's default (blocked GEMM) path is several times slower.
template <typename A>
Eigen::Matrix<double, A::RowsAtCompileTime, A::RowsAtCompileTime> sandwich(const A& a,
                                                                           const BoxCovariance& P) {
  const Eigen::Matrix<double, A::RowsAtCompileTime, 10> aP = a.lazyProduct(P);
  return aP.lazyProduct(a.transpose());
}

ObsVector observationVector(const BoxObservation& o) {
  ObsVector z;
  z << o.box.center, o.box.yaw(), o.box.size;
  return z;
}

ObsMatrix observationNoise(const BoxObservation& o) {
  ObsVector d;
  const double p = o.positionSigma * o.positionSigma;
  const double s = o.sizeSigma * o.sizeSigma;
  d << p, p, p, o.yawSigma * o.yawSigma, s, s, s;
  return d.asDiagonal();
}

// The bookkeeping both filters share: which steps were observed, flips and
// rejections, and when propagation past the keys stops.
struct StepLog {
  SmoothedTrack& out;
  double lastObservedTime;
  Eigen::Vector2d lastObservedXy = Eigen::Vector2d::Zero();
  int misses = 0;

  // Records step k; true when the run should stop (maxMisses steps in a row
  // without an observation, past mustReach).
  bool record(std::size_t k, const std::optional<BoxObservation>& obs, bool flipped, bool rejected,
              double time, std::size_t mustReach, int maxMisses) {
    if (flipped && !rejected) out.flips.push_back(k);
    if (rejected) out.rejected.push_back(k);
    const bool observed = obs.has_value() && !rejected;
    if (observed) {
      misses = 0;
      lastObservedTime = time;
      lastObservedXy = obs->box.center.head<2>();
    } else {
      ++misses;
    }
    out.observed.push_back(observed);
    return k > mustReach && misses >= maxMisses;
  }

  // Steps to keep: trailing unobserved steps past mustReach have nothing to support them.
  [[nodiscard]] std::size_t kept(std::size_t mustReach) const {
    std::size_t n = out.observed.size();
    while (n > mustReach + 1 && !out.observed[n - 1])
      --n;
    return n;
  }
};

// The yaw innovation to use: wrapped to (-pi, pi]; turned by pi when the
// observed box faces back to front (a flip, not a turn the class could make
// since the last observation); for a near half turn, signed by the side the
// object moved to rather than by where the wrap happens to fall.
double resolveYawInnovation(double rawInnovation, double predictedYaw,
                            const Eigen::Vector2d& observedXy,
                            const Eigen::Vector2d& lastObservedXy, double sinceLastObservation,
                            const MotionLimits& limits, bool& flipped) {
  double dYaw = normalizeAngle(rawInnovation);
  if (std::abs(dYaw) <= std::numbers::pi / 2.0) return dYaw;
  const double plausible = limits.maxYawRate * sinceLastObservation;
  if (std::abs(dYaw) > plausible) {
    flipped = true;
    return normalizeAngle(dYaw + std::numbers::pi);
  }
  if (std::abs(dYaw) > 0.8 * std::numbers::pi) {
    const Eigen::Vector2d heading(std::cos(predictedYaw), std::sin(predictedYaw));
    const Eigen::Vector2d moved = observedXy - lastObservedXy;
    const double side = heading.x() * moved.y() - heading.y() * moved.x();
    if (side * dYaw < 0.0) dYaw += dYaw > 0.0 ? -2.0 * std::numbers::pi : 2.0 * std::numbers::pi;
  }
  return dYaw;
}

template <typename Model>
SmoothedTrack run(std::span<const double> times, const ObservationSource& observe,
                  const MotionLimits& limits, std::size_t mustReach, int maxMisses,
                  const std::optional<MotionSeed>& seed) {
  const NoiseScales scales = noiseScales(limits);
  const std::size_t n = times.size();
  std::vector<BoxState> xPred, xFilt;
  std::vector<BoxCovariance> pPred, pFilt;
  std::vector<Transition> jacobians;
  SmoothedTrack out;
  xPred.reserve(n);
  xFilt.reserve(n);
  pPred.reserve(n);
  pFilt.reserve(n);
  jacobians.reserve(n);

  StepLog log{out, times[0]};
  const double& lastObservedTime = log.lastObservedTime;
  const Eigen::Vector2d& lastObservedXy = log.lastObservedXy;
  for (std::size_t k = 0; k < n; ++k) {
    BoxState x;
    BoxCovariance P;
    Transition F = Transition::Identity();
    if (k == 0) {
      x.setZero();
      P.setZero();
    } else {
      const double dt = times[k] - times[k - 1];
      F = Model::jacobian(xFilt.back(), dt);
      x = Model::predict(xFilt.back(), dt);
      P = sandwich(F, pFilt.back()) + Model::noise(xFilt.back(), dt, scales);
    }
    const std::optional<BoxObservation> obs = observe(k, boxOfState(x), Model::velocity(x));
    if (k == 0) {
      // The first step must be observed: it is the first keyframe.
      const BoxObservation& o = *obs;
      x.head<kObs>() = observationVector(o);
      P.topLeftCorner<kObs, kObs>() = observationNoise(o);
      Model::seed(x, P, seed, limits);
    }
    xPred.push_back(x);
    pPred.push_back(P);
    jacobians.push_back(F);
    bool flipped = false;
    bool rejected = false;
    if (obs && k > 0) {
      // The observation is of the state moved by its time offset.
      Eigen::Matrix<double, kObs, 10> H = Eigen::Matrix<double, kObs, 10>::Identity();
      ObsVector expected = x.head<kObs>();
      if (obs->timeOffsetS != 0.0) {
        expected.head<3>() += obs->timeOffsetS * Model::velocity(x);
        H.block<3, 3>(0, kMotion) = obs->timeOffsetS * Model::velocityJacobian(x, kMotion);
      }
      ObsVector innovation = observationVector(*obs) - expected;
      double dYaw =
          resolveYawInnovation(innovation(kYaw), x(kYaw), obs->box.center.head<2>(), lastObservedXy,
                               times[k] - lastObservedTime, limits, flipped);
      innovation(kYaw) = dYaw;
      const ObsMatrix S = sandwich(H, P) + observationNoise(*obs);
      // 4 sigma in the ground plane (chi-square, 2 degrees of freedom).
      const Eigen::Vector2d d = innovation.head<2>();
      rejected = obs->gated && d.dot(S.topLeftCorner<2, 2>().ldlt().solve(d)) > 16.0;
      if (!rejected) {
        const Eigen::Matrix<double, 10, kObs> PHt = P.lazyProduct(H.transpose());
        const Eigen::Matrix<double, 10, kObs> K = S.llt().solve(PHt.transpose()).transpose();
        x += K * innovation;
        const BoxCovariance IKH = BoxCovariance::Identity() - K.lazyProduct(H);
        // Joseph form: stays symmetric positive definite with tiny key noise.
        const Eigen::Matrix<double, 10, kObs> KR = K * observationNoise(*obs);
        P = sandwich(IKH, P) + KR.lazyProduct(K.transpose());
      }
    }
    xFilt.push_back(x);
    pFilt.push_back(P);
    if (log.record(k, obs, flipped, rejected, times[k], mustReach, maxMisses)) break;
  }
  const std::size_t kept = log.kept(mustReach);
  xFilt.resize(kept);
  pFilt.resize(kept);
  out.observed.resize(kept);

  // Rauch–Tung–Striebel, backward.
  out.state = xFilt;
  out.covariance = pFilt;
  for (std::size_t k = kept - 1; k-- > 0;) {
    const BoxCovariance& Pp = pPred[k + 1];
    const Transition& F = jacobians[k + 1];
    const BoxCovariance FP = F.lazyProduct(pFilt[k]);
    const BoxCovariance C = Pp.llt().solve(FP).transpose();
    BoxState diff = out.state[k + 1] - xPred[k + 1];
    out.state[k] = xFilt[k] + C * diff;
    const BoxCovariance dP = out.covariance[k + 1] - Pp;
    out.covariance[k] = pFilt[k] + sandwich(C, dP);
  }
  return out;
}

// Constant velocity decouples: x, y and z are each a [position, velocity]
// pair and yaw and the three sizes each a random walk, with no cross terms
// in the model or the observation. Seven small filters run in lockstep (the
// flip test and the gate look across them) and give exactly what the
// 10-state filter gives, at a small fraction of its cost.
SmoothedTrack runConstantVelocity(std::span<const double> times, const ObservationSource& observe,
                                  const MotionLimits& limits, std::size_t mustReach, int maxMisses,
                                  const std::optional<MotionSeed>& seed) {
  const NoiseScales scales = noiseScales(limits);
  struct Pair {
    Eigen::Vector2d x = Eigen::Vector2d::Zero();
    Eigen::Matrix2d P = Eigen::Matrix2d::Zero();
  };
  struct Scalar {
    double x = 0.0;
    double P = 0.0;
  };
  struct Step {
    std::array<Pair, 3> pred, filt;      // x, y, z
    std::array<Scalar, 4> spred, sfilt;  // yaw, l, w, h
    double dt = 0.0;
  };
  auto boxOf = [](const std::array<Pair, 3>& p, const std::array<Scalar, 4>& q) {
    return Cuboid::fromYaw(Eigen::Vector3d(p[0].x(0), p[1].x(0), p[2].x(0)),
                           Eigen::Vector3d(q[1].x, q[2].x, q[3].x).cwiseMax(1e-3), q[0].x);
  };
  const double accel[3] = {scales.acceleration, scales.acceleration, scales.vertical};
  const double walk[4] = {scales.yawRate, scales.size, scales.size, scales.size};
  const std::size_t n = times.size();
  std::vector<Step> steps;
  steps.reserve(n);
  SmoothedTrack out;
  StepLog log{out, times[0]};
  const double& lastObservedTime = log.lastObservedTime;
  const Eigen::Vector2d& lastObservedXy = log.lastObservedXy;
  for (std::size_t k = 0; k < n; ++k) {
    Step st;
    if (k > 0) {
      const Step& prev = steps.back();
      const double dt = times[k] - times[k - 1];
      st.dt = dt;
      Eigen::Matrix2d F;
      F << 1.0, dt, 0.0, 1.0;
      for (int i = 0; i < 3; ++i) {
        const double a2 = accel[i] * accel[i];
        Eigen::Matrix2d Q;
        Q << dt * dt * dt * dt / 4.0, dt * dt * dt / 2.0, dt * dt * dt / 2.0, dt * dt;
        st.pred[i].x = F * prev.filt[i].x;
        st.pred[i].P = F * prev.filt[i].P * F.transpose() + a2 * Q;
      }
      for (int i = 0; i < 4; ++i)
        st.spred[i] = {prev.sfilt[i].x, prev.sfilt[i].P + dt * walk[i] * walk[i]};
    }
    const std::optional<BoxObservation> obs =
        observe(k, boxOf(st.pred, st.spred),
                Eigen::Vector3d(st.pred[0].x(1), st.pred[1].x(1), st.pred[2].x(1)));
    bool flipped = false;
    bool rejected = false;
    if (k == 0) {
      // The first step must be observed: it is the first keyframe.
      const BoxObservation& o = *obs;
      const double p = o.positionSigma * o.positionSigma;
      const double sv = 0.5 * limits.maxSpeed;
      for (int i = 0; i < 3; ++i) {
        st.pred[i].x << o.box.center(i), seed ? seed->velocity(i) : 0.0;
        st.pred[i].P << p, 0.0, 0.0, i < 2 ? sv * sv : 1.0;
      }
      st.spred[0] = {o.box.yaw(), o.yawSigma * o.yawSigma};
      for (int i = 0; i < 3; ++i)
        st.spred[1 + i] = {o.box.size(i), o.sizeSigma * o.sizeSigma};
      st.filt = st.pred;
      st.sfilt = st.spred;
    } else {
      st.filt = st.pred;
      st.sfilt = st.spred;
    }
    if (obs && k > 0) {
      const double dtObs = obs->timeOffsetS;
      const Eigen::RowVector2d H(1.0, dtObs);
      const double r = obs->positionSigma * obs->positionSigma;
      double nu[3];
      double S[3];
      for (int i = 0; i < 3; ++i) {
        nu[i] = obs->box.center(i) - H.dot(st.pred[i].x);
        S[i] = H * st.pred[i].P * H.transpose() + r;
      }
      const double dYaw = resolveYawInnovation(obs->box.yaw() - st.spred[0].x, st.spred[0].x,
                                               obs->box.center.head<2>(), lastObservedXy,
                                               times[k] - lastObservedTime, limits, flipped);
      // 4 sigma in the ground plane (chi-square, 2 degrees of freedom).
      rejected = obs->gated && nu[0] * nu[0] / S[0] + nu[1] * nu[1] / S[1] > 16.0;
      if (!rejected) {
        for (int i = 0; i < 3; ++i) {
          const Eigen::Vector2d K = st.pred[i].P * H.transpose() / S[i];
          st.filt[i].x = st.pred[i].x + K * nu[i];
          const Eigen::Matrix2d IKH = Eigen::Matrix2d::Identity() - K * H;
          // Joseph form: stays positive definite with tiny key noise.
          st.filt[i].P = IKH * st.pred[i].P * IKH.transpose() + r * K * K.transpose();
        }
        const double sNoise[4] = {obs->yawSigma * obs->yawSigma, obs->sizeSigma * obs->sizeSigma,
                                  obs->sizeSigma * obs->sizeSigma, obs->sizeSigma * obs->sizeSigma};
        const double sNu[4] = {dYaw, obs->box.size(0) - st.spred[1].x,
                               obs->box.size(1) - st.spred[2].x, obs->box.size(2) - st.spred[3].x};
        for (int i = 0; i < 4; ++i) {
          const double K = st.spred[i].P / (st.spred[i].P + sNoise[i]);
          st.sfilt[i] = {st.spred[i].x + K * sNu[i], (1.0 - K) * st.spred[i].P};
        }
      }
    }
    steps.push_back(st);
    if (log.record(k, obs, flipped, rejected, times[k], mustReach, maxMisses)) break;
  }
  const std::size_t kept = log.kept(mustReach);
  steps.resize(kept);
  out.observed.resize(kept);

  // Rauch–Tung–Striebel, backward, axis by axis.
  std::vector<std::array<Pair, 3>> smooth(kept);
  std::vector<std::array<Scalar, 4>> ssmooth(kept);
  smooth.back() = steps.back().filt;
  ssmooth.back() = steps.back().sfilt;
  for (std::size_t k = kept - 1; k-- > 0;) {
    const Step& next = steps[k + 1];
    Eigen::Matrix2d F;
    F << 1.0, next.dt, 0.0, 1.0;
    for (int i = 0; i < 3; ++i) {
      const Pair& f = steps[k].filt[i];
      const Eigen::Matrix2d C = f.P * F.transpose() * next.pred[i].P.inverse();
      smooth[k][i].x = f.x + C * (smooth[k + 1][i].x - next.pred[i].x);
      smooth[k][i].P = f.P + C * (smooth[k + 1][i].P - next.pred[i].P) * C.transpose();
    }
    for (int i = 0; i < 4; ++i) {
      const Scalar& f = steps[k].sfilt[i];
      const double c = next.spred[i].P > 0.0 ? f.P / next.spred[i].P : 0.0;
      ssmooth[k][i] = {f.x + c * (ssmooth[k + 1][i].x - next.spred[i].x),
                       f.P + c * c * (ssmooth[k + 1][i].P - next.spred[i].P)};
    }
  }
  out.state.resize(kept);
  out.covariance.resize(kept);
  for (std::size_t k = 0; k < kept; ++k) {
    BoxState& x = out.state[k];
    BoxCovariance& P = out.covariance[k];
    P.setZero();
    for (int i = 0; i < 3; ++i) {
      x(kX + i) = smooth[k][i].x(0);
      x(kMotion + i) = smooth[k][i].x(1);
      P(kX + i, kX + i) = smooth[k][i].P(0, 0);
      P(kX + i, kMotion + i) = P(kMotion + i, kX + i) = smooth[k][i].P(0, 1);
      P(kMotion + i, kMotion + i) = smooth[k][i].P(1, 1);
    }
    for (int i = 0; i < 4; ++i) {
      x(kYaw + i) = ssmooth[k][i].x;
      P(kYaw + i, kYaw + i) = ssmooth[k][i].P;
    }
  }
  return out;
}

}  // namespace

SmoothedTrack smoothBoxTrack(std::span<const double> timesS, const ObservationSource& observe,
                             MotionModel model, const MotionLimits& limits, std::size_t mustReach,
                             int maxMisses, const std::optional<MotionSeed>& seed) {
  if (timesS.empty()) return {};
  if (model == MotionModel::ConstantTurnRate)
    return run<ConstantTurnRate>(timesS, observe, limits, mustReach, maxMisses, seed);
  return runConstantVelocity(timesS, observe, limits, mustReach, maxMisses, seed);
}

SmoothedTrack smoothBoxTrackFullState(std::span<const double> timesS,
                                      const ObservationSource& observe, MotionModel model,
                                      const MotionLimits& limits, std::size_t mustReach,
                                      int maxMisses, const std::optional<MotionSeed>& seed) {
  if (timesS.empty()) return {};
  if (model == MotionModel::ConstantTurnRate)
    return run<ConstantTurnRate>(timesS, observe, limits, mustReach, maxMisses, seed);
  return run<ConstantVelocity>(timesS, observe, limits, mustReach, maxMisses, seed);
}

MotionSeed seedFromBoxes(const Cuboid& a, const Cuboid& b, double dt) {
  MotionSeed seed;
  if (!(dt > 0.0)) return seed;
  const Eigen::Vector3d moved = b.center - a.center;
  seed.velocity = moved / dt;
  const double chord = moved.head<2>().norm();
  double turn = normalizeAngle(b.yaw() - a.yaw());
  const Eigen::Vector2d heading(std::cos(a.yaw()), std::sin(a.yaw()));
  const double side = heading.x() * moved.y() - heading.y() * moved.x();
  if (std::abs(turn) > 0.8 * std::numbers::pi && side * turn < 0.0)
    turn += turn > 0.0 ? -2.0 * std::numbers::pi : 2.0 * std::numbers::pi;
  // Arc length from the chord: s = c · (θ/2) / sin(θ/2).
  const double half = 0.5 * std::abs(turn);
  const double arc = half > 1e-6 ? chord * half / std::sin(half) : chord;
  // Backwards when the mean heading points away from the motion.
  const Eigen::Vector2d mid(std::cos(a.yaw() + 0.5 * turn), std::sin(a.yaw() + 0.5 * turn));
  seed.speed = (mid.dot(moved.head<2>()) < 0.0 ? -arc : arc) / dt;
  seed.yawRate = turn / dt;
  return seed;
}

Cuboid boxOfState(const BoxState& state) {
  return Cuboid::fromYaw(state.segment<3>(kX), state.segment<3>(kSize).cwiseMax(1e-3), state(kYaw));
}

}  // namespace fuselabel

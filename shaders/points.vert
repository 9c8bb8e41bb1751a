#version 330 core
// LiDAR points in the 3D view. Positions stay in the sensor frame on the GPU
// (uploaded once per frame change); u_model maps them into the world. The
// colour mode is a compile-time variant (COLOR_INTENSITY, COLOR_HEIGHT,
// COLOR_RANGE, COLOR_RING, COLOR_TIME, COLOR_CAMERA) so the per-vertex work is one ramp
// lookup without branches. a_value is the mode's per-point channel
// (intensity, ring, time or packed camera RGB); height and range come from
// the position.

layout(location = 0) in vec3 a_position;
layout(location = 1) in float a_value;

uniform mat4 u_viewProj;
uniform mat4 u_model;
uniform float u_pointSize;
uniform vec2 u_heightBand;  // world z kept: [x, y]
uniform vec2 u_valueRange;  // value mapped to the ends of the ramp

out vec3 v_color;

// Turbo (Google, Apache-2.0), polynomial fit by Ruofei Du.
vec3 turbo(float x) {
  x = clamp(x, 0.0, 1.0);
  const vec4 kR4 = vec4(0.13572138, 4.61539260, -42.66032258, 132.13108234);
  const vec4 kG4 = vec4(0.09140261, 2.19418839, 4.84296658, -14.18503333);
  const vec4 kB4 = vec4(0.10667330, 12.64194608, -60.58204836, 110.36276771);
  const vec2 kR2 = vec2(-152.94239396, 59.28637943);
  const vec2 kG2 = vec2(4.27729857, 2.82956604);
  const vec2 kB2 = vec2(-89.90310912, 27.34824973);
  vec4 v4 = vec4(1.0, x, x * x, x * x * x);
  vec2 v2 = v4.zw * v4.z;
  return vec3(dot(v4, kR4) + dot(v2, kR2), dot(v4, kG4) + dot(v2, kG2), dot(v4, kB4) + dot(v2, kB2));
}

// Intensity: dark blue-grey for weak returns up to warm white for retro-reflectors
// (signs, plates, lane paint stand out as they do in the camera).
vec3 intensityRamp(float x) {
  x = clamp(x, 0.0, 1.0);
  vec3 low = vec3(0.16, 0.24, 0.42);
  vec3 mid = vec3(0.30, 0.78, 0.86);
  vec3 high = vec3(1.0, 0.93, 0.55);
  return x < 0.5 ? mix(low, mid, x * 2.0) : mix(mid, high, x * 2.0 - 1.0);
}

// Rings: neighbouring lasers get clearly different hues (golden-ratio steps).
vec3 categorical(float index) {
  float h = fract(index * 0.61803399 + 0.1);
  vec3 k = clamp(abs(fract(vec3(h) + vec3(0.0, 2.0 / 3.0, 1.0 / 3.0)) * 6.0 - 3.0) - 1.0, 0.0, 1.0);
  return mix(vec3(1.0), k, 0.75) * 0.95;
}

void main() {
  vec4 world = u_model * vec4(a_position, 1.0);
  gl_Position = u_viewProj * world;
  gl_PointSize = u_pointSize;
  if (world.z < u_heightBand.x || world.z > u_heightBand.y) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);  // outside the clip volume: culled
  }
  float span = max(u_valueRange.y - u_valueRange.x, 1e-6);
#if defined(COLOR_HEIGHT)
  v_color = turbo((world.z - u_valueRange.x) / span);
#elif defined(COLOR_RANGE)
  v_color = turbo(1.0 - (length(a_position) - u_valueRange.x) / span);
#elif defined(COLOR_RING)
  v_color = categorical(a_value);
#elif defined(COLOR_TIME)
  v_color = turbo((a_value - u_valueRange.x) / span);
#elif defined(COLOR_CAMERA)
  if (a_value < 0.0) {
    v_color = vec3(0.32, 0.34, 0.38);  // no camera sees this point
  } else {
    float rgb = floor(a_value + 0.5);
    v_color = vec3(floor(rgb / 65536.0), mod(floor(rgb / 256.0), 256.0), mod(rgb, 256.0)) / 255.0;
  }
#else
  v_color = intensityRamp(sqrt(max(a_value - u_valueRange.x, 0.0) / span));
#endif
}

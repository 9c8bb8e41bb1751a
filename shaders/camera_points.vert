#version 330 core
// LiDAR points projected into a camera image, drawn over it. The pixel
// coordinates were computed on a worker thread with the full lens model
// (distortion included); here they only map from image pixels to the target.

layout(location = 0) in vec3 a_pixelDepth;  // u, v (image pixels), depth (m)

uniform vec2 u_imageSize;   // pixels
uniform float u_pointSize;  // target pixels
uniform float u_maxDepth;   // metres mapped to the far end of the ramp

out vec3 v_color;

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

void main() {
  // Pixel centres: u = 0.5 is the middle of the first column.
  vec2 ndc = vec2(a_pixelDepth.x / u_imageSize.x * 2.0 - 1.0, 1.0 - a_pixelDepth.y / u_imageSize.y * 2.0);
  // Nearer points win where they overlap.
  float depth01 = clamp(a_pixelDepth.z / max(u_maxDepth, 1e-3), 0.0, 1.0);
  gl_Position = vec4(ndc, depth01 * 2.0 - 1.0, 1.0);
  gl_PointSize = u_pointSize;
  // Near = red, far = blue, as in most fusion viewers.
  v_color = turbo(1.0 - sqrt(depth01));
}

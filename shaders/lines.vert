#version 330 core
// Thick anti-aliased line segments. Core profile has no wide lines, so each
// segment is an instance of a 6-vertex quad expanded in screen space. Segments
// crossing the near plane are clipped here so they never flip behind the eye.

layout(location = 0) in vec3 a_start;
layout(location = 1) in vec3 a_end;
layout(location = 2) in vec4 a_color;
layout(location = 3) in float a_width;  // pixels

uniform mat4 u_viewProj;
uniform vec2 u_viewportSize;  // pixels

out vec4 v_color;
out float v_acrossPx;   // signed distance from the centre line, pixels
out float v_halfWidth;  // half the line width, pixels

// x: 0 at start, 1 at end; y: side of the centre line.
const vec2 k_corners[6] = vec2[6](vec2(0.0, -1.0), vec2(1.0, -1.0), vec2(1.0, 1.0),
                                  vec2(0.0, -1.0), vec2(1.0, 1.0), vec2(0.0, 1.0));

void main() {
  vec4 c0 = u_viewProj * vec4(a_start, 1.0);
  vec4 c1 = u_viewProj * vec4(a_end, 1.0);
  const float nearW = 1e-4;
  if (c0.w < nearW && c1.w < nearW) {
    gl_Position = vec4(0.0, 0.0, 2.0, 1.0);  // fully behind the eye: outside the clip volume
    v_color = vec4(0.0);
    v_acrossPx = 0.0;
    v_halfWidth = 0.0;
    return;
  }
  if (c0.w < nearW) {
    c0 = mix(c0, c1, (nearW - c0.w) / (c1.w - c0.w));
  } else if (c1.w < nearW) {
    c1 = mix(c1, c0, (nearW - c1.w) / (c0.w - c1.w));
  }

  vec2 halfViewport = 0.5 * u_viewportSize;
  vec2 s0 = c0.xy / c0.w * halfViewport;
  vec2 s1 = c1.xy / c1.w * halfViewport;
  vec2 dir = s1 - s0;
  float len = length(dir);
  dir = len > 1e-4 ? dir / len : vec2(1.0, 0.0);
  vec2 normal = vec2(-dir.y, dir.x);

  vec2 corner = k_corners[gl_VertexID];
  float halfWidth = 0.5 * a_width;
  float halfQuad = halfWidth + 1.0;  // one extra pixel for the anti-aliased edge
  vec4 clip = corner.x < 0.5 ? c0 : c1;
  // Square caps: extend along the segment so joined segments meet without a notch.
  vec2 offsetPx = normal * corner.y * halfQuad + dir * (corner.x * 2.0 - 1.0) * halfWidth;
  clip.xy += offsetPx / halfViewport * clip.w;

  gl_Position = clip;
  v_color = a_color;
  v_acrossPx = corner.y * halfQuad;
  v_halfWidth = halfWidth;
}

#version 330 core
// Procedural 1 m / 10 m grid, anti-aliased with screen-space derivatives.
// Lines fade out where they would be denser than a few pixels (no moire) and,
// with FADE_WITH_DISTANCE, towards the horizon.

in vec2 v_world;

uniform vec4 u_minorColor;
uniform vec4 u_majorColor;
uniform vec2 u_eyeXY;          // camera position projected on the ground
uniform float u_fadeDistance;  // metres from the eye where the grid has vanished

out vec4 o_color;

// Coverage (0..1) of grid lines of `spacing` metres, `widthPx` pixels wide.
float lineCoverage(vec2 world, float spacing, float widthPx) {
  vec2 coord = world / spacing;
  vec2 perPixel = max(fwidth(coord), vec2(1e-6));
  vec2 distPx = abs(fract(coord - 0.5) - 0.5) / perPixel;
  float d = min(distPx.x, distPx.y);
  float coverage = clamp(0.5 * widthPx + 0.5 - d, 0.0, 1.0);
  // Where a cell shrinks below ~6 px the lines would merge into noise.
  float density = max(perPixel.x, perPixel.y);
  return coverage * (1.0 - smoothstep(0.08, 0.3, density));
}

void main() {
  float minor = lineCoverage(v_world, 1.0, 1.0);
  float major = lineCoverage(v_world, 10.0, 1.5);
  float alpha = max(minor * u_minorColor.a, major * u_majorColor.a);
  vec3 color = major > 0.01 ? mix(u_minorColor.rgb, u_majorColor.rgb, major) : u_minorColor.rgb;
#ifdef FADE_WITH_DISTANCE
  float dist = length(v_world - u_eyeXY);
  alpha *= 1.0 - smoothstep(0.35 * u_fadeDistance, u_fadeDistance, dist);
#endif
  if (alpha < 0.003) {
    discard;
  }
  o_color = vec4(color, alpha);
}

#version 330 core
// Round dots with a dark rim so points stay readable on bright image areas.

in vec3 v_color;
out vec4 o_color;

void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  float r2 = dot(d, d);
  if (r2 > 0.25) {
    discard;
  }
  float rim = smoothstep(0.09, 0.2, r2);
  o_color = vec4(mix(v_color, v_color * 0.35, rim), 1.0);
}

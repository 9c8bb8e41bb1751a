#version 330 core
// Square points by default; ROUND_POINTS discards the corners (costs early
// depth testing on software renderers, so only used for large points).

in vec3 v_color;
out vec4 o_color;

void main() {
#ifdef ROUND_POINTS
  vec2 d = gl_PointCoord - vec2(0.5);
  if (dot(d, d) > 0.25) {
    discard;
  }
#endif
  o_color = vec4(v_color, 1.0);
}

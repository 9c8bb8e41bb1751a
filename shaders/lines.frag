#version 330 core
// Coverage from the distance to the centre line gives a 1 px soft edge.

in vec4 v_color;
in float v_acrossPx;
in float v_halfWidth;

out vec4 o_color;

void main() {
  float coverage = clamp(v_halfWidth + 0.5 - abs(v_acrossPx), 0.0, 1.0);
  if (coverage <= 0.0) {
    discard;
  }
  o_color = vec4(v_color.rgb, v_color.a * coverage);
}

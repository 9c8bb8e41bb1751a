#version 330 core

in vec2 v_uv;

uniform sampler2D u_image;
uniform float u_dim;  // 0 = as recorded, 1 = black (lets overlays stand out)

out vec4 o_color;

void main() {
  vec3 rgb = texture(u_image, v_uv).rgb;
  o_color = vec4(rgb * (1.0 - u_dim), 1.0);
}

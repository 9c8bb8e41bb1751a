#version 330 core
// A camera image filling the whole target: one triangle pair from gl_VertexID.
// Texture row 0 is the image's top row, so t grows downwards.

out vec2 v_uv;

const vec2 k_corners[6] = vec2[6](vec2(0.0, 0.0), vec2(1.0, 0.0), vec2(1.0, 1.0),
                                  vec2(0.0, 0.0), vec2(1.0, 1.0), vec2(0.0, 1.0));

void main() {
  vec2 c = k_corners[gl_VertexID];
  v_uv = vec2(c.x, 1.0 - c.y);
  gl_Position = vec4(c * 2.0 - 1.0, 0.0, 1.0);
}

#version 330 core
// Ground grid: one large quad on z = 0, generated from gl_VertexID (no vertex
// buffer). The quad follows the camera target so the grid looks endless.

uniform mat4 u_viewProj;
uniform vec2 u_center;   // world xy the quad is centred on (snapped to the major spacing)
uniform float u_extent;  // half size of the quad in metres

out vec2 v_world;

const vec2 k_corners[6] = vec2[6](vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(1.0, 1.0),
                                  vec2(-1.0, -1.0), vec2(1.0, 1.0), vec2(-1.0, 1.0));

void main() {
  v_world = u_center + k_corners[gl_VertexID] * u_extent;
  gl_Position = u_viewProj * vec4(v_world, 0.0, 1.0);
}

#version 330 core
// The minimal point draw `--bench-render` compares the app against: the same
// vertex buffer and point size, one matrix, one colour, nothing else.

layout(location = 0) in vec3 a_position;

uniform mat4 u_mvp;
uniform float u_pointSize;

void main() {
  gl_Position = u_mvp * vec4(a_position, 1.0);
  gl_PointSize = u_pointSize;
}

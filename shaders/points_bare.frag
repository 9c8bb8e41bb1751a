#version 330 core

out vec4 o_color;

void main() { o_color = vec4(0.8, 0.8, 0.8, 1.0); }

// The map's rectangle on screen, as a triangle strip of four corners; no vertex buffer needed.
// v_cell runs from (0, 0) at the map's top-left corner to (width, height) at its bottom-right.
uniform vec4 u_rect;    // x0, y0 (top-left), x1, y1 (bottom-right) in clip space
uniform ivec2 u_size;   // map width, height in cells
out vec2 v_cell;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    v_cell = corner * vec2(u_size);
    gl_Position = vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
}

// Feature map → colours. The framebuffer is the map's own size, so each fragment is one
// cell: R holds the value, G is 1 when the cell is revealed (progressive playback).
uniform sampler2D u_values;
uniform float u_low;        // value drawn at the bottom of the scale
uniform float u_high;       // value drawn at the top
uniform int u_diverging;    // 1: blue–white–red around 0; 0: black → white
out vec4 fragColor;

vec3 diverging(float t) {
    // Cool–warm: saturated blue (negative), light neutral (0), saturated red (positive).
    vec3 cold = vec3(0.16, 0.33, 0.78);
    vec3 mid = vec3(0.93, 0.93, 0.93);
    vec3 warm = vec3(0.78, 0.12, 0.12);
    return t < 0.5 ? mix(cold, mid, t * 2.0) : mix(mid, warm, (t - 0.5) * 2.0);
}

void main() {
    vec2 cell = texelFetch(u_values, ivec2(gl_FragCoord.xy), 0).rg;
    if (cell.g < 0.5) { fragColor = vec4(0.0); return; }          // not yet computed
    float v = cell.r;
    if (isnan(v)) { fragColor = vec4(0.85, 0.0, 0.85, 1.0); return; }  // NaN: magenta
    float span = u_high - u_low;
    float t = span > 0.0 ? clamp((v - u_low) / span, 0.0, 1.0) : 0.5;
    if (isinf(v)) t = v > 0.0 ? 1.0 : 0.0;
    vec3 rgb = u_diverging == 1 ? diverging(t) : vec3(mix(0.08, 0.97, t));
    fragColor = vec4(rgb, 1.0);
}

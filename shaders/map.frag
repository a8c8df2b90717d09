// Feature map → colours, where the map is drawn: each fragment looks up the cell under it
// (nearest, never blended with its neighbours) while a cell covers a pixel or more. Zoomed
// out, when a pixel covers several cells (a 4096² map in a few hundred pixels), it takes the
// mipmapped average of the cells under it instead, so the picture is filtered, not aliased.
// Cells from u_reveal on (row-major) are not computed yet in the playback: transparent, so
// the canvas shows through.
uniform sampler2D u_values; // R32F; row r of the map is texel row r (the texture may be larger)
uniform ivec2 u_size;       // the grid's width, height in cells (the map and any padding around it)
uniform ivec4 u_padding;    // the map in the grid: left, top (padding cells before it), its width, height
uniform int u_paddingMode;  // core::PaddingMode: 0 zeros, 1 reflect, 2 replicate, 3 circular
uniform int u_reveal;       // −1: every cell
uniform float u_low;        // value drawn at the bottom of the scale
uniform float u_high;       // value drawn at the top
uniform int u_diverging;    // 1: blue–white–red around 0; 0: black → white
uniform int u_filtered;     // 1: drawn zoomed out, from the mipmaps; 2: level 0 is not there, mipmaps only
uniform vec2 u_texels;      // the texture's level-0 size (its base level may be 1)
in vec2 v_cell;
out vec4 fragColor;

vec3 diverging(float t) {
    // Cool–warm: saturated blue (negative), light neutral (0), saturated red (positive).
    vec3 cold = vec3(0.16, 0.33, 0.78);
    vec3 mid = vec3(0.93, 0.93, 0.93);
    vec3 warm = vec3(0.78, 0.12, 0.12);
    return t < 0.5 ? mix(cold, mid, t * 2.0) : mix(mid, warm, (t - 0.5) * 2.0);
}

// The map cell a grid index reads along one axis of size n, as core::sourceIndex: −1 for a
// zero, else the cell itself or the one the padding copies. Without a modulo (llvmpipe runs it
// for every pixel of every map): padding never exceeds the size, as PyTorch requires.
int sourceIndex(int i, int n) {
    bool before = i < 0;
    if (!before && i < n) return i;
    if (u_paddingMode == 1) return before ? -i : 2 * (n - 1) - i;  // reflect: the edge not repeated
    if (u_paddingMode == 2) return before ? 0 : n - 1;             // replicate
    if (u_paddingMode == 3) return before ? i + n : i - n;         // circular
    return -1;                                                     // zeros
}

void main() {
    ivec2 at = clamp(ivec2(floor(v_cell)), ivec2(0), u_size - 1);
    int index = at.y * u_size.x + at.x;
    if (u_reveal >= 0 && index >= u_reveal) { fragColor = vec4(0.0); return; }  // not yet computed
    // Derivatives outside the branch: they are undefined in non-uniform control flow.
    vec2 ddx = dFdx(v_cell), ddy = dFdy(v_cell);
    ivec2 source = at - u_padding.xy;
    if (any(lessThan(source, ivec2(0))) || any(greaterThanEqual(source, u_padding.zw)))  // a padding cell
        source = ivec2(sourceIndex(source.x, u_padding.z), sourceIndex(source.y, u_padding.w));
    float v;
    if (source.x < 0 || source.y < 0) {
        v = 0.0;  // zero padding
    } else if ((u_filtered == 1 && max(length(ddx), length(ddy)) > 1.0) || u_filtered == 2) {
        // Zoomed out a padding band is a pixel or two: the map's edge, clamped, stands for it.
        v = textureGrad(u_values, (v_cell - vec2(u_padding.xy)) / u_texels, ddx / u_texels, ddy / u_texels).r;
    } else {
        v = texelFetch(u_values, source, 0).r;
    }
    if (isnan(v)) { fragColor = vec4(0.85, 0.0, 0.85, 1.0); return; }  // NaN: magenta
    float span = u_high - u_low;
    float t = span > 0.0 ? clamp((v - u_low) / span, 0.0, 1.0) : 0.5;
    if (isinf(v)) t = v > 0.0 ? 1.0 : 0.0;
    vec3 rgb = u_diverging == 1 ? diverging(t) : vec3(mix(0.08, 0.97, t));
    fragColor = vec4(rgb, 1.0);
}

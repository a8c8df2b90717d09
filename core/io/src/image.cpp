#include "convscope/io/image.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>

#include <stb_image.h>
#include <stb_image_write.h>

namespace convscope::io {

bool isImageExtension(const std::string& ext) {
    for (const char* e : {".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif", ".psd", ".hdr", ".pnm", ".pgm", ".ppm"})
        if (ext == e) return true;
    return false;
}

namespace {

// stb_image's PNM reader does not notice a file shorter than its header promises (it hands
// back an unfilled buffer), so binary PGM/PPM sizes are checked here first. Returns the
// number of pixel bytes the header promises and where they start, or nothing if the
// header is not one we can parse (stb then judges the file).
struct PnmLayout {
    std::size_t headerBytes;
    std::size_t pixelBytes;
    std::uint64_t width;
    std::uint64_t height;
};

std::optional<PnmLayout> pnmLayout(std::string_view b) {
    if (b.size() < 2 || b[0] != 'P' || (b[1] != '5' && b[1] != '6')) return std::nullopt;
    std::size_t i = 2;
    std::uint64_t fields[3] = {0, 0, 0};
    for (std::uint64_t& field : fields) {
        while (i < b.size() && (std::isspace(static_cast<unsigned char>(b[i])) || b[i] == '#')) {
            if (b[i] == '#')
                while (i < b.size() && b[i] != '\n') ++i;
            else
                ++i;
        }
        std::size_t digits = 0;
        while (i < b.size() && std::isdigit(static_cast<unsigned char>(b[i])) && digits < 10) {
            field = field * 10 + static_cast<std::uint64_t>(b[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0) return std::nullopt;
    }
    ++i;  // the single whitespace character after maxval
    const std::uint64_t channels = b[1] == '6' ? 3 : 1;
    const std::uint64_t sampleBytes = fields[2] > 255 ? 2 : 1;
    return PnmLayout{i, static_cast<std::size_t>(fields[0] * fields[1] * channels * sampleBytes), fields[0], fields[1]};
}

struct Dimensions {
    std::uint64_t width;
    std::uint64_t height;
};

std::uint64_t be16(std::string_view b, std::size_t i) {
    return std::uint64_t{static_cast<unsigned char>(b[i])} << 8 | static_cast<unsigned char>(b[i + 1]);
}
std::uint64_t be32(std::string_view b, std::size_t i) {
    return be16(b, i) << 16 | be16(b, i + 2);
}
std::uint64_t le16(std::string_view b, std::size_t i) {
    return std::uint64_t{static_cast<unsigned char>(b[i + 1])} << 8 | static_cast<unsigned char>(b[i]);
}
std::uint64_t le32Magnitude(std::string_view b, std::size_t i) {  // BMP heights may be negative
    const auto v = static_cast<std::int32_t>(static_cast<std::uint32_t>(le16(b, i + 2) << 16 | le16(b, i)));
    return v < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(static_cast<std::int64_t>(v))
                 : static_cast<std::uint64_t>(v);
}

// The size a PNG, JPEG, GIF, BMP, PSD or binary PNM header states, read here because stb
// refuses some huge headers in stbi_info itself ("too large") and then reports only
// "unknown image type": a PNG claiming 100000×100000 must be named as too large.
std::optional<Dimensions> headerDimensions(std::string_view b) {
    if (b.size() >= 24 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n" && b.substr(12, 4) == "IHDR")
        return Dimensions{be32(b, 16), be32(b, 20)};
    if (b.size() >= 10 && (b.substr(0, 6) == "GIF87a" || b.substr(0, 6) == "GIF89a"))
        return Dimensions{le16(b, 6), le16(b, 8)};
    if (b.size() >= 26 && b.substr(0, 2) == "BM") {
        if (le16(b, 14) == 12 && le16(b, 16) == 0) return Dimensions{le16(b, 18), le16(b, 20)};  // OS/2 header: 16-bit sizes
        return Dimensions{le32Magnitude(b, 18), le32Magnitude(b, 22)};
    }
    if (b.size() >= 22 && b.substr(0, 4) == "8BPS") return Dimensions{be32(b, 18), be32(b, 14)};
    if (auto pnm = pnmLayout(b)) return Dimensions{pnm->width, pnm->height};
    if (b.size() >= 4 && b.substr(0, 2) == "\xFF\xD8") {
        // JPEG: walk the marker segments to the first start-of-frame.
        std::size_t i = 2;
        while (i + 4 <= b.size()) {
            if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
            const auto marker = static_cast<unsigned char>(b[i + 1]);
            if (marker == 0xFF) {  // fill byte
                ++i;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
                i += 2;
                continue;
            }
            const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (i + 9 > b.size()) return std::nullopt;
                return Dimensions{be16(b, i + 7), be16(b, i + 5)};
            }
            if (marker == 0xDA || marker == 0xD9) return std::nullopt;  // scan or end before any frame
            i += 2 + be16(b, i + 2);
        }
    }
    return std::nullopt;
}

bool oversized(std::uint64_t w, std::uint64_t h) {
    return w > kMaxImageSide || h > kMaxImageSide || w * h > static_cast<std::uint64_t>(kMaxImagePixels);
}

Error sizeError(const std::string& name, std::uint64_t w, std::uint64_t h) {
    return core::makeError("file", "image '" + name + "' is " + std::to_string(w) + "×" + std::to_string(h) +
                                       ", larger than the limit of " + std::to_string(kMaxImageSide) + " px a side and " +
                                       std::to_string(kMaxImagePixels / 1'000'000) + " MP");
}

}  // namespace

Result<Array> decodeImage(std::string_view bytes, const std::string& name) {
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return core::makeError("file", "'" + name + "' is too large to decode");
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    // Read the header only, so an oversized image is refused before any pixel is decoded.
    if (auto dims = headerDimensions(bytes); dims && oversized(dims->width, dims->height))
        return sizeError(name, dims->width, dims->height);
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(data, len, &w, &h, &comp))
        return core::makeError("file", "cannot read image '" + name +
                                           "': " + (stbi_failure_reason() ? stbi_failure_reason() : "unknown format"));
    const auto uw = static_cast<std::uint64_t>(w), uh = static_cast<std::uint64_t>(h);
    if (oversized(uw, uh)) return sizeError(name, uw, uh);
    // stb "decodes" a PNM header that reads as 0×0 into an empty image (found by fuzz_image).
    if (w < 1 || h < 1)
        return core::makeError("file", "image '" + name + "' has no pixels (" + std::to_string(w) + "×" +
                                           std::to_string(h) + ")");
    if (auto pnm = pnmLayout(bytes);
        pnm && (pnm->headerBytes > bytes.size() || bytes.size() - pnm->headerBytes < pnm->pixelBytes))
        return core::makeError("file", "image '" + name + "' is truncated: its header promises " +
                                           std::to_string(pnm->pixelBytes) + " bytes of pixels");
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, len, &w, &h, &comp, 0),
                                                     stbi_image_free);
    if (!pixels)
        return core::makeError("file", "cannot decode image '" + name +
                                           "': " + (stbi_failure_reason() ? stbi_failure_reason() : "corrupt data"));
    const bool colour = comp >= 3;
    const int channels = colour ? 3 : 1;
    Array a;
    a.shape = colour ? std::vector<std::int64_t>{3, h, w} : std::vector<std::int64_t>{h, w};
    const std::size_t plane = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    a.data.resize(plane * static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < plane; ++i)
        for (int c = 0; c < channels; ++c)
            a.data[static_cast<std::size_t>(c) * plane + i] =
                static_cast<float>(pixels.get()[i * static_cast<std::size_t>(comp) + static_cast<std::size_t>(c)]) /
                255.0f;
    return a;
}

namespace {

Result<std::string> encodePng(const unsigned char* pixels, int height, int width, int channels) {
    std::string png;
    auto sink = [](void* ctx, void* data, int size) {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
    };
    if (!stbi_write_png_to_func(sink, &png, width, height, channels, pixels, width * channels))
        return core::makeError("output", "PNG encoding failed");
    return png;
}

}  // namespace

Result<std::string> encodePngGrey(const std::vector<float>& plane, int height, int width) {
    float lo = INFINITY, hi = -INFINITY;
    for (float v : plane)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    std::vector<unsigned char> grey(plane.size());
    for (std::size_t i = 0; i < plane.size(); ++i) {
        const float v = plane[i];
        float t = 0.5f;
        if (std::isnan(v))
            t = 0.0f;
        else if (std::isinf(v))
            t = v > 0 ? 1.0f : 0.0f;
        else if (hi > lo)
            t = (v - lo) / (hi - lo);
        grey[i] = static_cast<unsigned char>(std::lround(std::clamp(t, 0.0f, 1.0f) * 255.0f));
    }
    return encodePng(grey.data(), height, width, 1);
}

Result<std::string> encodePngRgba(const std::vector<unsigned char>& rgba, int height, int width) {
    if (rgba.size() != static_cast<std::size_t>(height) * static_cast<std::size_t>(width) * 4)
        return core::makeError("output", "PNG encoding failed: pixel buffer does not match " + std::to_string(width) +
                                             "×" + std::to_string(height));
    return encodePng(rgba.data(), height, width, 4);
}

}  // namespace convscope::io

#include "convscope/io/image.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <memory>
#include <optional>

#include <stb_image.h>
#include <stb_image_write.h>

#include "convscope/io/errors.hpp"

namespace convscope::io {

bool isImageExtension(const std::string& ext) {
    for (const char* e : {".png", ".jpg", ".jpeg", ".bmp", ".tga", ".gif", ".psd", ".hdr", ".pnm", ".pgm", ".ppm"})
        if (ext == e) return true;
    return false;
}

namespace {

// stb_image's PNM reader does not notice a file shorter than its header promises (it hands
// back an unfilled buffer), and in stb 2.27 a header number past 2^31 overflows its `int`
// (undefined behaviour, found by fuzz_image). So binary PGM/PPM headers are read here
// first, the way stb reads them (stbi__pnm_info): nothing if the bytes are not P5/P6.
struct PnmLayout {
    std::size_t headerBytes;  // where the pixels start
    std::uint64_t pixelBytes;
    std::uint64_t width;
    std::uint64_t height;
    bool numbersFit;  // every number fits stb's int
};

std::optional<PnmLayout> pnmLayout(std::string_view b) {
    if (b.size() < 2 || b[0] != 'P' || (b[1] != '5' && b[1] != '6')) return std::nullopt;
    // As stb: c is the character just read; past the end it reads 0, and a number stops
    // at the end of the data even when c is a digit.
    std::size_t pos = 2;
    unsigned char c = 0;
    auto next = [&] { c = pos < b.size() ? static_cast<unsigned char>(b[pos++]) : 0; };
    auto atEnd = [&] { return pos >= b.size(); };
    next();
    std::uint64_t fields[3] = {0, 0, 0};  // width, height, maxval
    bool fit = true;
    for (std::uint64_t& field : fields) {
        for (;;) {  // whitespace, and comments from '#' to the end of the line
            while (!atEnd() && std::isspace(c)) next();
            if (atEnd() || c != '#') break;
            while (!atEnd() && c != '\n' && c != '\r') next();
        }
        while (!atEnd() && std::isdigit(c)) {
            field = field * 10 + (c - '0');
            if (field > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
                fit = false;
                field = 0;
            }
            next();
        }
    }
    const std::uint64_t channels = b[1] == '6' ? 3 : 1;
    const std::uint64_t sampleBytes = fields[2] > 255 ? 2 : 1;
    return PnmLayout{pos, fields[0] * fields[1] * channels * sampleBytes, fields[0], fields[1], fit};
}

// Where a JPEG's segments begin: after its start-of-image marker, which stb finds behind
// any number of 0xFF fill bytes (a fuzzed file slipped past a check that expected FF D8
// at offset 0). 0 when the bytes are not a JPEG.
std::size_t jpegAfterStart(std::string_view b) {
    std::size_t i = 0;
    while (i < b.size() && static_cast<unsigned char>(b[i]) == 0xFF) ++i;
    return i >= 1 && i < b.size() && static_cast<unsigned char>(b[i]) == 0xD8 ? i + 1 : 0;
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
        if (le16(b, 14) == 12 && le16(b, 16) == 0)
            return Dimensions{le16(b, 18), le16(b, 20)};  // OS/2 header: 16-bit sizes
        return Dimensions{le32Magnitude(b, 18), le32Magnitude(b, 22)};
    }
    if (b.size() >= 22 && b.substr(0, 4) == "8BPS") return Dimensions{be32(b, 18), be32(b, 14)};
    if (auto pnm = pnmLayout(b)) return Dimensions{pnm->width, pnm->height};
    if (std::size_t i = jpegAfterStart(b); i != 0) {
        // JPEG: walk the marker segments to the first start-of-frame.
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

// Two JPEG Huffman table faults that stb_image 2.27 (Debian 12's libstb) does not check,
// both found by fuzz_image (stb 2.28 checks the first):
//   - a table (DHT segment) of more than 256 codes: building it writes past its arrays;
//   - a scan that decodes with a table no DHT defined: stb reads the uninitialised table
//     and indexes far outside it.
// The segments are walked here as stb reads them — markers, then entropy-coded data up to
// the next marker after each scan — and the fault is returned, or nothing if stb may go on.
std::optional<IoErrorId> jpegHuffmanFault(std::string_view b) {
    // stb reads 0 past the end.
    auto at = [&](std::size_t i) { return i < b.size() ? static_cast<unsigned char>(b[i]) : 0u; };
    std::size_t i = jpegAfterStart(b);
    if (i == 0) return std::nullopt;
    bool defined[2][4] = {};  // [DC, AC][table id]
    while (i + 1 < b.size()) {
        if (at(i) != 0xFF) {  // not a marker: stb skips it (between segments, or entropy-coded data)
            ++i;
            continue;
        }
        const unsigned marker = at(i + 1);
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD9)) {  // no length
            i += 2;
            continue;
        }
        const std::size_t length = (std::size_t{at(i + 2)} << 8) | at(i + 3);
        if (marker == 0xDA) {  // start of scan: components with their DC/AC table ids, then Ss, Se, Ah/Al
            const std::size_t n = at(i + 4);
            const unsigned ss = at(i + 5 + 2 * n), se = at(i + 6 + 2 * n), ah = at(i + 7 + 2 * n) >> 4;
            for (std::size_t c = 0; c < n; ++c) {
                const unsigned dc = at(i + 6 + 2 * c) >> 4, ac = at(i + 6 + 2 * c) & 15;
                if (dc > 3 || ac > 3) return std::nullopt;  // stb refuses the scan itself
                // DC coefficients are decoded with a table except in a progressive DC
                // refinement scan (Ah > 0); AC coefficients whenever the scan holds any.
                if ((ss == 0 && ah == 0 && !defined[0][dc]) || (se > 0 && !defined[1][ac]))
                    return IoErrorId::JpegUndefinedTable;
            }
            i += 2 + length;
            continue;
        }
        if (marker != 0xC4) {
            i += 2 + length;
            continue;
        }
        std::int64_t left = static_cast<std::int64_t>(length) - 2;
        std::size_t p = i + 4;
        while (left > 0) {  // tables: class/id, 16 counts, then the codes' symbols
            if ((at(p) >> 4) > 1 || (at(p) & 15) > 3) return std::nullopt;  // stb refuses it
            defined[at(p) >> 4][at(p) & 15] = true;
            std::size_t codes = 0;
            for (std::size_t k = 1; k <= 16; ++k) codes += at(p + k);
            if (codes > 256) return IoErrorId::JpegTooManyCodes;
            p += 17 + codes;
            left -= static_cast<std::int64_t>(17 + codes);
        }
        if (left < 0) return std::nullopt;  // stb stops at this malformed segment
        i = p;
    }
    return std::nullopt;
}

// stb's reason for the last failure; some of its PNG paths leave it empty.
std::string stbReason(const char* fallback) {
    const char* reason = stbi_failure_reason();
    return reason && *reason ? reason : fallback;
}

bool oversized(std::uint64_t w, std::uint64_t h) {
    return w > kMaxImageSide || h > kMaxImageSide || w * h > static_cast<std::uint64_t>(kMaxImagePixels);
}

Error sizeError(const std::string& name, std::uint64_t w, std::uint64_t h) {
    return ioError(IoErrorId::ImageTooLarge, "file",
                   {{"path", name},
                    {"width", std::to_string(w)},
                    {"height", std::to_string(h)},
                    {"max_side", std::to_string(kMaxImageSide)},
                    {"max_mp", std::to_string(kMaxImagePixels / 1'000'000)}});
}

}  // namespace

Result<Array> decodeImage(std::string_view bytes, const std::string& name) {
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return ioError(IoErrorId::ImageTooLargeToDecode, "file", {{"path", name}});
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
    const int len = static_cast<int>(bytes.size());
    if (auto pnm = pnmLayout(bytes); pnm && !pnm->numbersFit)
        return ioError(IoErrorId::ImagePnmNumberTooLarge, "file",
                       {{"path", name}, {"limit", std::to_string(std::numeric_limits<int>::max())}});
    // Read the header only, so an oversized image is refused before any pixel is decoded.
    if (auto dims = headerDimensions(bytes); dims && oversized(dims->width, dims->height))
        return sizeError(name, dims->width, dims->height);
    // Before stbi_info, which already builds the Huffman tables found ahead of the frame.
    if (auto fault = jpegHuffmanFault(bytes)) return ioError(*fault, "file", {{"path", name}});
    int w = 0, h = 0, comp = 0;
    if (!stbi_info_from_memory(data, len, &w, &h, &comp))
        return ioError(IoErrorId::ImageUnreadable, "file", {{"path", name}, {"reason", stbReason("unknown format")}});
    const auto uw = static_cast<std::uint64_t>(w), uh = static_cast<std::uint64_t>(h);
    if (oversized(uw, uh)) return sizeError(name, uw, uh);
    // stb "decodes" a PNM header that reads as 0×0 into an empty image (found by fuzz_image).
    if (w < 1 || h < 1)
        return ioError(IoErrorId::ImageNoPixels, "file",
                       {{"path", name}, {"width", std::to_string(w)}, {"height", std::to_string(h)}});
    if (auto pnm = pnmLayout(bytes);
        pnm && (pnm->headerBytes > bytes.size() || bytes.size() - pnm->headerBytes < pnm->pixelBytes))
        return ioError(IoErrorId::ImageTruncated, "file", {{"path", name}, {"bytes", std::to_string(pnm->pixelBytes)}});
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels(stbi_load_from_memory(data, len, &w, &h, &comp, 0),
                                                     stbi_image_free);
    if (!pixels)
        return ioError(IoErrorId::ImageUndecodable, "file", {{"path", name}, {"reason", stbReason("corrupt data")}});
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
        return ioError(IoErrorId::PngEncodingFailed, "output", {});
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
        return ioError(IoErrorId::PngBufferMismatch, "output",
                       {{"width", std::to_string(width)}, {"height", std::to_string(height)}});
    return encodePng(rgba.data(), height, width, 4);
}

}  // namespace convscope::io

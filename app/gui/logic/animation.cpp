#include "animation.hpp"

#include <gif_lib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

#include "convscope/io/image.hpp"
#include "quantize.hpp"

namespace convscope::gui {

namespace fs = std::filesystem;

std::optional<double> parseFps(const std::string& text) {
    char* end = nullptr;
    const double fps = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(fps)) return std::nullopt;
    if (fps < kMinFps || fps > kMaxFps) return std::nullopt;
    return fps;
}

std::optional<AnimationRegion> parseRegion(const std::string& text) {
    if (text == "views") return AnimationRegion::Views;
    if (text == "window") return AnimationRegion::Window;
    return std::nullopt;
}

bool parsePositions(const std::string& text, AnimationOptions& options) {
    long long a = 0, b = 0;
    int used = 0;
    if (std::sscanf(text.c_str(), "%lld-%lld%n", &a, &b, &used) != 2 || used != static_cast<int>(text.size()))
        return false;
    if (a < 1 || b < a) return false;
    options.first = a - 1;
    options.last = b - 1;
    return true;
}

PositionRange positionsToExport(const AnimationOptions& o, std::int64_t total) {
    const std::int64_t last = o.last < 0 ? total - 1 : std::min(o.last, total - 1);
    if (o.first < 0 || o.first > last) return {};
    return {o.first, last - o.first + 1};
}

int gifDelay(double fps) {
    return std::max(2, static_cast<int>(std::lround(100.0 / std::max(fps, kMinFps))));
}

bool isPngSequence(const fs::path& path) {
    std::string ext = path.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == ".png";
}

fs::path sequenceFrame(const fs::path& path, std::int64_t index, std::int64_t count) {
    const std::size_t digits = std::max<std::size_t>(4, std::to_string(count).size());
    std::string number = std::to_string(index + 1);
    number.insert(0, digits > number.size() ? digits - number.size() : 0, '0');
    return path.parent_path() / (path.stem().string() + "-" + number + path.extension().string());
}

namespace {

core::Error writeError(const fs::path& path, const std::string& reason) {
    core::Error e = core::makeError("output", "cannot write " + path.string() + ": " + reason);
    e.values = {{"path", path.string()}, {"reason", reason}};
    return e;
}

// A hidden temp file next to `path` (same folder, so the final rename stays on one file system).
core::Result<std::pair<fs::path, std::FILE*>> openTemp(const fs::path& path) {
    const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return writeError(path, "the folder " + dir.string() + " does not exist");
    if (fs::is_directory(path, ec)) return writeError(path, "it is a folder");
    std::random_device rd;
    const fs::path tmp =
        dir / ("." + path.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::FILE* f = std::fopen(tmp.c_str(), "wbx");
    if (!f) return writeError(path, std::strerror(errno));
    return std::pair{tmp, f};
}

// Flushes to the disk before the rename: after a crash the target is the old file or the
// whole new one.
bool closeDurably(std::FILE* f) {
    bool ok = std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
    ok = std::fclose(f) == 0 && ok;
    return ok;
}

int writeToFile(GifFileType* gif, const GifByteType* bytes, int length) {
    auto* f = static_cast<std::FILE*>(gif->UserData);
    return static_cast<int>(std::fwrite(bytes, 1, static_cast<std::size_t>(length), f));
}

class GifWriter final : public AnimationWriter {
public:
    GifWriter(fs::path target, fs::path temp, std::FILE* file, int width, int height, int delay)
        : m_target(std::move(target)),
          m_temp(std::move(temp)),
          m_file(file),
          m_width(width),
          m_height(height),
          m_delay(delay) {}
    ~GifWriter() override { abort(); }

    core::Status start() {
        int error = 0;
        m_gif = EGifOpen(m_file, writeToFile, &error);
        if (!m_gif) return fail(GifErrorString(error));
        EGifSetGifVersion(m_gif, true);  // GIF89a: delays and looping
        if (EGifPutScreenDesc(m_gif, m_width, m_height, 8, 0, nullptr) == GIF_ERROR) return fail(lastError());
        // NETSCAPE2.0, loop count 0: play forever, as a slide's animation should.
        const GifByteType loop[3] = {1, 0, 0};
        if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
            EGifPutExtensionBlock(m_gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
            EGifPutExtensionBlock(m_gif, 3, loop) == GIF_ERROR || EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
            return fail(lastError());
        return core::Ok{};
    }

    core::Status addFrame(const std::vector<unsigned char>& rgba) override {
        if (!m_gif) return writeError(m_target, "the file is closed");
        if (rgba.size() != static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height) * 4)
            return fail("the frame size changed during the export");
        IndexedImage image = quantize(rgba, m_width, m_height);
        // Only the rectangle that changed since the previous frame is stored (the window moves
        // by a cell, the rest stays): with "do not dispose" the decoder keeps the rest, so
        // every decoded frame is still the whole quantised frame, at a fraction of the size.
        std::vector<unsigned char> shown = expand(image);
        int x0 = 0, y0 = 0, x1 = m_width, y1 = m_height;
        if (!m_previous.empty()) {
            x0 = m_width, y0 = m_height, x1 = 0, y1 = 0;
            for (int y = 0; y < m_height; ++y)
                for (int x = 0; x < m_width; ++x) {
                    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                                           static_cast<std::size_t>(x)) *
                                          4;
                    if (std::equal(&shown[i], &shown[i] + 3, &m_previous[i])) continue;
                    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x + 1), y1 = std::max(y1, y + 1);
                }
            if (x1 == 0) x0 = 0, y0 = 0, x1 = 1, y1 = 1;  // unchanged: a 1×1 frame keeps the count
        }
        // The rectangle's own colours only, in palette order: fewer bits per pixel.
        std::vector<int> compact(image.palette.size(), -1);
        std::vector<GifColorType> colours;
        std::vector<GifByteType> pixels;
        pixels.reserve(static_cast<std::size_t>(x1 - x0) * static_cast<std::size_t>(y1 - y0));
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                compact[image.indices[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                                      static_cast<std::size_t>(x)]] = 0;
        for (std::size_t i = 0; i < compact.size(); ++i)
            if (compact[i] == 0) {
                compact[i] = static_cast<int>(colours.size());
                colours.push_back(GifColorType{image.palette[i][0], image.palette[i][1], image.palette[i][2]});
            }
        for (int y = y0; y < y1; ++y)
            for (int x = x0; x < x1; ++x)
                pixels.push_back(static_cast<GifByteType>(
                    compact[image.indices[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_width) +
                                          static_cast<std::size_t>(x)]]));
        m_previous = std::move(shown);

        GraphicsControlBlock gcb{};
        gcb.DisposalMode = DISPOSE_DO_NOT;
        gcb.UserInputFlag = false;
        gcb.DelayTime = m_delay;
        gcb.TransparentColor = NO_TRANSPARENT_COLOR;
        GifByteType extension[4];
        EGifGCBToExtension(&gcb, extension);
        if (EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) == GIF_ERROR) return fail(lastError());
        // giflib wants a power of two of at least 2 colours; the padding is never indexed.
        int size = 2;
        while (size < static_cast<int>(colours.size())) size *= 2;
        colours.resize(static_cast<std::size_t>(size), GifColorType{0, 0, 0});
        ColorMapObject* map = GifMakeMapObject(size, colours.data());
        if (!map) return fail("out of memory");
        const bool ok = EGifPutImageDesc(m_gif, x0, y0, x1 - x0, y1 - y0, false, map) != GIF_ERROR &&
                        EGifPutLine(m_gif, pixels.data(), static_cast<int>(pixels.size())) != GIF_ERROR;
        GifFreeMapObject(map);
        if (!ok) return fail(lastError());
        return core::Ok{};
    }

    core::Status commit() override {
        if (!m_gif) return writeError(m_target, "the file is closed");
        int error = 0;
        const int closed = EGifCloseFile(m_gif, &error);
        m_gif = nullptr;
        if (closed == GIF_ERROR) return fail(GifErrorString(error));
        const bool durable = closeDurably(m_file);
        m_file = nullptr;
        if (!durable) return fail(std::strerror(errno));
        std::error_code ec;
        fs::rename(m_temp, m_target, ec);
        if (ec) return fail(ec.message());
        m_temp.clear();
        return core::Ok{};
    }

    void abort() override {
        if (m_gif) {
            int ignored = 0;
            EGifCloseFile(m_gif, &ignored);
            m_gif = nullptr;
        }
        if (m_file) {
            std::fclose(m_file);
            m_file = nullptr;
        }
        if (!m_temp.empty()) {
            std::error_code ignored;
            fs::remove(m_temp, ignored);
            m_temp.clear();
        }
    }

private:
    std::string lastError() const { return m_gif ? GifErrorString(m_gif->Error) : "giflib error"; }
    core::Error fail(const std::string& reason) {
        abort();
        return writeError(m_target, reason);
    }

    fs::path m_target, m_temp;
    std::FILE* m_file = nullptr;
    GifFileType* m_gif = nullptr;
    int m_width, m_height, m_delay;
    std::vector<unsigned char> m_previous;  // the last frame as decoders show it (RGBA)
};

// Each frame a PNG (exact pixels, no palette) in a temp file; all are renamed at the end.
class PngSequenceWriter final : public AnimationWriter {
public:
    PngSequenceWriter(fs::path target, int width, int height, std::int64_t count)
        : m_target(std::move(target)), m_width(width), m_height(height), m_count(count) {}
    ~PngSequenceWriter() override { abort(); }

    core::Status addFrame(const std::vector<unsigned char>& rgba) override {
        if (rgba.size() != static_cast<std::size_t>(m_width) * static_cast<std::size_t>(m_height) * 4)
            return fail(m_target, "the frame size changed during the export");
        const fs::path frame = sequenceFrame(m_target, static_cast<std::int64_t>(m_frames.size()), m_count);
        auto png = io::encodePngRgba(rgba, m_height, m_width);
        if (!png) return fail(frame, png.error().message);
        auto temp = openTemp(frame);
        if (!temp) {
            abort();
            return temp.error();
        }
        m_frames.push_back({frame, temp->first});
        const bool written = std::fwrite(png->data(), 1, png->size(), temp->second) == png->size();
        const bool closed = closeDurably(temp->second);
        if (!written || !closed) return fail(frame, std::strerror(errno));
        return core::Ok{};
    }

    core::Status commit() override {
        for (auto& [frame, temp] : m_frames) {
            std::error_code ec;
            fs::rename(temp, frame, ec);
            if (ec) return fail(frame, ec.message());
            temp.clear();
        }
        m_frames.clear();
        return core::Ok{};
    }

    void abort() override {
        std::error_code ignored;
        for (const auto& [frame, temp] : m_frames)
            if (!temp.empty()) fs::remove(temp, ignored);
        m_frames.clear();
    }

private:
    core::Error fail(const fs::path& path, const std::string& reason) {
        abort();
        return writeError(path, reason);
    }

    struct Frame {
        fs::path target, temp;
    };
    fs::path m_target;
    int m_width, m_height;
    std::int64_t m_count;
    std::vector<Frame> m_frames;
};

}  // namespace

core::Result<std::unique_ptr<AnimationWriter>> openAnimationWriter(const fs::path& path, int width, int height,
                                                                   double fps, std::int64_t count) {
    if (width <= 0 || height <= 0) return writeError(path, "the region to record is empty");
    if (width > 65535 || height > 65535) return writeError(path, "a GIF is at most 65535 pixels a side");
    if (isPngSequence(path)) {
        // Probe the folder now rather than after rendering the first frame.
        auto probe = openTemp(sequenceFrame(path, 0, count));
        if (!probe) return probe.error();
        std::fclose(probe->second);
        std::error_code ignored;
        fs::remove(probe->first, ignored);
        return std::unique_ptr<AnimationWriter>(std::make_unique<PngSequenceWriter>(path, width, height, count));
    }
    auto temp = openTemp(path);
    if (!temp) return temp.error();
    auto writer = std::make_unique<GifWriter>(path, temp->first, temp->second, width, height, gifDelay(fps));
    if (auto started = writer->start(); !started) return started.error();
    return std::unique_ptr<AnimationWriter>(std::move(writer));
}

}  // namespace convscope::gui

#pragma once
// Export the playback as an animation (GIF or numbered PNGs): the options, their parsing for
// the command line, and the writers. GUI-free: the app renders and reads back the frames and
// hands them here; the tests drive the writers directly.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "convscope/core/result.hpp"

namespace convscope::gui {

enum class AnimationRegion { Views, Window };

struct AnimationOptions {
    AnimationRegion region = AnimationRegion::Views;
    double fps = 2.0;        // frames (playback positions) per second, kMinFps…kMaxFps
    std::int64_t first = 0;  // 0-based playback positions, inclusive; last < 0: to the end
    std::int64_t last = -1;
    bool operator==(const AnimationOptions&) const = default;
};

// GIF delays are whole hundredths of a second, and browsers slow anything under 2/100 s
// down to 1/10 s: 50 frames per second is the fastest a GIF really plays.
inline constexpr double kMinFps = 0.1;
inline constexpr double kMaxFps = 50.0;

// Command-line values; nullopt when the text is not one (the caller names the option).
std::optional<double> parseFps(const std::string& text);
std::optional<AnimationRegion> parseRegion(const std::string& text);
// "A-B" (1-based, inclusive, as the app's scrubber counts) → first/last 0-based.
bool parsePositions(const std::string& text, AnimationOptions& options);

// The positions an export covers for a playback of `total` positions; empty when the range
// lies outside it.
struct PositionRange {
    std::int64_t first = 0;
    std::int64_t count = 0;
};
PositionRange positionsToExport(const AnimationOptions& options, std::int64_t total);

// GIF frame delay in hundredths of a second for `fps` (at least 2, see kMaxFps).
int gifDelay(double fps);

// A PNG sequence is chosen by a `.png` path: out.png → out-0001.png, out-0002.png, …
bool isPngSequence(const std::filesystem::path& path);
std::filesystem::path sequenceFrame(const std::filesystem::path& path, std::int64_t index, std::int64_t count);

// Frames go to temporary files next to the target; commit() renames them into place, and
// abort() (or destruction without commit) removes them, so a cancelled or failed export never
// leaves a half-written file behind. Every frame must have the size given to open().
class AnimationWriter {
public:
    virtual ~AnimationWriter() = default;
    virtual core::Status addFrame(const std::vector<unsigned char>& rgba) = 0;
    virtual core::Status commit() = 0;
    virtual void abort() = 0;
};

// Checks the target can be written (its folder exists, a temp file can be made there) before
// any frame is rendered. `count`: how many frames will come (a sequence's digits).
core::Result<std::unique_ptr<AnimationWriter>> openAnimationWriter(const std::filesystem::path& path, int width,
                                                                   int height, double fps, std::int64_t count);

}  // namespace convscope::gui

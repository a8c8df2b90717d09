#pragma once
// The app's own preferences — how the person left the window, the splitters, the UI size,
// theme and language, and where they were looking for files — kept apart
// from the session (what is being computed): a session file sent to a colleague must not
// move their window. $XDG_CONFIG_HOME/convscope/preferences.json, beside the autosaved
// session. A missing, unreadable or half-wrong file gives the defaults for whatever it gets
// wrong, never an error the person has to deal with; it is written atomically, so quitting
// in the middle of a save leaves the previous file whole.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "language.hpp"
#include "layout_math.hpp"

namespace convscope::gui {

// The window when it is not maximised or full screen (so un-maximising goes back to it),
// in screen coordinates of its client area, as GLFW reports them.
struct WindowPlacement {
    int x = 0, y = 0;
    int width = 0, height = 0;
    bool maximized = false;
    bool operator==(const WindowPlacement&) const = default;
};

inline constexpr std::size_t kMaxRecentFiles = 6;  // as many as the file section lists

struct Preferences {
    std::optional<WindowPlacement> window;  // empty: open at most of the monitor's work area
    LayoutFractions layout;                 // normal mode's splitters
    LayoutFractions presentation;           // presentation mode's (controls unused)
    float uiScale = 1.0f;                   // 1–3, the UI size a projector needed last time
    bool lightTheme = false;                // the projector theme
    std::optional<Language> language;       // empty: the one the environment asks for
    std::string browseFolder;               // where the file browser was; empty: the working folder
    std::vector<std::string> recentFiles;   // most recent first
    bool operator==(const Preferences&) const = default;
};

// Text → preferences: anything that is not as written here (bad JSON, a wrong type, a
// fraction outside 0.05…0.95, a window smaller than 200×150, a UI size outside 1…3, a
// language other than "en" / "zh-TW", a recent file that is not a string) is left at its
// default.
Preferences parsePreferences(const std::string& text);
std::string serializePreferences(const Preferences& prefs);

// The file's preferences, or the defaults when it is missing or unreadable.
Preferences loadPreferences(const std::filesystem::path& file);
// Atomic write (creating the folder); an error message, or empty.
std::string savePreferences(const std::filesystem::path& file, const Preferences& prefs);

struct ScreenArea {
    int x = 0, y = 0, width = 0, height = 0;
};

// Where the window opens: the saved placement if enough of it lies on one of the monitors'
// work areas (a monitor may have been unplugged since), shrunk to fit that area; otherwise
// most of the first (primary) work area, centred. `minWidth`×`minHeight` is the window's
// minimum size, kept unless the work area itself is smaller.
WindowPlacement initialPlacement(const std::optional<WindowPlacement>& saved, const std::vector<ScreenArea>& workAreas,
                                 int minWidth, int minHeight);

// Saves a moment after the preferences stop changing (a window being dragged changes them
// every frame), and at exit.
class PreferencesFile {
public:
    explicit PreferencesFile(std::filesystem::path file, double delaySeconds = 1.0)
        : m_file(std::move(file)), m_delay(delaySeconds) {}
    // Reads the file; what it returns counts as saved.
    Preferences load();
    void tick(const Preferences& prefs, double nowSeconds);
    std::string flush(const Preferences& prefs);  // an error message or empty

private:
    std::filesystem::path m_file;
    double m_delay;
    std::optional<Preferences> m_saved;
    std::optional<Preferences> m_pending;
    double m_changedAt = 0.0;
};

}  // namespace convscope::gui

#include "preferences.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <system_error>

#include "convscope/io/files.hpp"

namespace convscope::gui {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kFormat = "convscope-preferences";
constexpr std::uintmax_t kMaxBytes = 64 * 1024;  // a few hundred bytes in practice
constexpr float kMinFraction = 0.05f, kMaxFraction = 0.95f;
constexpr int kMinSide = 200, kMaxSide = 32768, kMaxCoordinate = 65536;

std::optional<float> fractionAt(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < kMinFraction || v > kMaxFraction) return std::nullopt;
    return static_cast<float>(v);
}

LayoutFractions fractionsAt(const json& root, const char* key) {
    LayoutFractions f;
    const auto it = root.find(key);
    if (it == root.end() || !it->is_object()) return f;
    f.controls = fractionAt(*it, "controls");
    f.views = fractionAt(*it, "views");
    f.formula = fractionAt(*it, "formula");
    return f;
}

std::optional<int> intAt(const json& object, const char* key, int lo, int hi) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_number_integer()) return std::nullopt;
    const auto v = it->get<std::int64_t>();
    if (v < lo || v > hi) return std::nullopt;
    return static_cast<int>(v);
}

std::optional<WindowPlacement> windowAt(const json& root) {
    const auto it = root.find("window");
    if (it == root.end() || !it->is_object()) return std::nullopt;
    const auto x = intAt(*it, "x", -kMaxCoordinate, kMaxCoordinate);
    const auto y = intAt(*it, "y", -kMaxCoordinate, kMaxCoordinate);
    const auto w = intAt(*it, "width", kMinSide, kMaxSide);
    const auto h = intAt(*it, "height", kMinSide * 3 / 4, kMaxSide);
    if (!x || !y || !w || !h) return std::nullopt;  // a window needs all four
    WindowPlacement p{*x, *y, *w, *h, false};
    if (const auto m = it->find("maximized"); m != it->end() && m->is_boolean()) p.maximized = m->get<bool>();
    return p;
}

json fractionsJson(const LayoutFractions& f) {
    json j = json::object();
    if (f.controls) j["controls"] = *f.controls;
    if (f.views) j["views"] = *f.views;
    if (f.formula) j["formula"] = *f.formula;
    return j;
}

}  // namespace

Preferences parsePreferences(const std::string& text) {
    Preferences prefs;
    const json root = json::parse(text, nullptr, false);
    if (root.is_discarded() || !root.is_object()) return prefs;
    if (const auto f = root.find("format"); f != root.end() && *f != kFormat) return prefs;  // some other file
    prefs.window = windowAt(root);
    prefs.layout = fractionsAt(root, "layout");
    prefs.presentation = fractionsAt(root, "presentation_layout");
    prefs.presentation.controls.reset();  // the collapsed strip has no splitter
    if (const auto it = root.find("ui_size"); it != root.end() && it->is_number()) {
        const double v = it->get<double>();
        if (std::isfinite(v) && v >= 1.0 && v <= 3.0) prefs.uiScale = static_cast<float>(v);
    }
    if (const auto it = root.find("light_theme"); it != root.end() && it->is_boolean())
        prefs.lightTheme = it->get<bool>();
    if (const auto it = root.find("language"); it != root.end() && it->is_string()) {
        const std::string code = it->get<std::string>();
        for (Language l : kLanguages)
            if (code == languageCode(l)) prefs.language = l;
    }
    if (const auto it = root.find("browse_folder"); it != root.end() && it->is_string())
        prefs.browseFolder = it->get<std::string>();
    if (const auto it = root.find("recent_files"); it != root.end() && it->is_array())
        for (const json& file : *it)
            if (file.is_string() && prefs.recentFiles.size() < kMaxRecentFiles)
                prefs.recentFiles.push_back(file.get<std::string>());
    return prefs;
}

std::string serializePreferences(const Preferences& prefs) {
    json root = {{"format", kFormat}, {"version", 1}};
    if (prefs.window) {
        const WindowPlacement& w = *prefs.window;
        root["window"] = {{"x", w.x}, {"y", w.y}, {"width", w.width}, {"height", w.height}, {"maximized", w.maximized}};
    }
    root["layout"] = fractionsJson(prefs.layout);
    root["presentation_layout"] = fractionsJson(prefs.presentation);
    root["ui_size"] = prefs.uiScale;
    root["light_theme"] = prefs.lightTheme;
    if (prefs.language) root["language"] = languageCode(*prefs.language);
    root["browse_folder"] = prefs.browseFolder;
    root["recent_files"] = prefs.recentFiles;
    return root.dump(2) + "\n";
}

Preferences loadPreferences(const fs::path& file) {
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec)) return {};
    auto text = io::readFile(file, kMaxBytes);
    if (!text) return {};  // unreadable or absurdly large: the defaults, and the next save replaces it
    return parsePreferences(*text);
}

std::string savePreferences(const fs::path& file, const Preferences& prefs) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (auto s = io::writeFileAtomic(file, serializePreferences(prefs)); !s) return s.error().message;
    return {};
}

WindowPlacement initialPlacement(const std::optional<WindowPlacement>& saved, const std::vector<ScreenArea>& workAreas,
                                 int minWidth, int minHeight) {
    if (saved) {
        // Enough of the window on one work area that the person can see and grab it.
        for (const ScreenArea& a : workAreas) {
            const int overlapW = std::min(saved->x + saved->width, a.x + a.width) - std::max(saved->x, a.x);
            const int overlapH = std::min(saved->y + saved->height, a.y + a.height) - std::max(saved->y, a.y);
            if (overlapW < 100 || overlapH < 100 || a.width <= 0 || a.height <= 0) continue;
            WindowPlacement p = *saved;
            p.width = std::min(p.width, a.width);
            p.height = std::min(p.height, a.height);
            p.x = std::clamp(p.x, a.x, a.x + a.width - p.width);
            p.y = std::clamp(p.y, a.y, a.y + a.height - p.height);
            return p;
        }
    }
    const ScreenArea a = workAreas.empty() || workAreas.front().width <= 0 || workAreas.front().height <= 0
                             ? ScreenArea{0, 0, 1280, 800}
                             : workAreas.front();
    // Most of the work area, leaving room for the window's frame and a glimpse of the desktop.
    WindowPlacement p;
    p.width = std::min(a.width, std::max(minWidth, static_cast<int>(a.width * 0.92)));
    p.height = std::min(a.height, std::max(minHeight, static_cast<int>(a.height * 0.92)));
    p.x = a.x + (a.width - p.width) / 2;
    p.y = a.y + (a.height - p.height) / 2;
    p.maximized = saved && saved->maximized;
    return p;
}

Preferences PreferencesFile::load() {
    Preferences prefs = loadPreferences(m_file);
    m_saved = prefs;
    return prefs;
}

void PreferencesFile::tick(const Preferences& prefs, double now) {
    if (m_file.empty()) return;
    if (m_saved && prefs == *m_saved) {
        m_pending.reset();
        return;
    }
    if (!m_pending || !(prefs == *m_pending)) {
        m_pending = prefs;
        m_changedAt = now;
        return;
    }
    if (now - m_changedAt >= m_delay) (void)flush(prefs);
}

std::string PreferencesFile::flush(const Preferences& prefs) {
    if (m_file.empty() || (m_saved && prefs == *m_saved)) return {};
    const std::string error = savePreferences(m_file, prefs);
    m_saved = prefs;  // on failure too: not again every frame; the next change tries again
    m_pending.reset();
    return error;
}

}  // namespace convscope::gui

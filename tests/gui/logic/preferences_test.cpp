// The app's preferences file: what the person left is what they find, and a damaged file
// never stops the app or loses more than the damaged part.
#include <catch2/catch.hpp>
#include <fstream>

#include "../../io/temp_dir.hpp"
#include "logic/preferences.hpp"

using namespace convscope::gui;

namespace {

Preferences sample() {
    Preferences p;
    p.window = WindowPlacement{120, 80, 1500, 900, true};
    p.layout.controls = 0.3f;
    p.layout.formula = 0.5f;
    p.presentation.views = 0.8f;
    p.uiScale = 2.25f;
    p.lightTheme = true;
    p.language = Language::ZhTw;
    p.browseFolder = "/home/teacher/pictures";
    p.recentFiles = {"/home/teacher/pictures/cat.png", "/tmp/lesson.json"};
    return p;
}

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("preferences survive a save and a load", "[gui][preferences]") {
    iotest::TempDir dir;
    const auto file = dir / "nested" / "preferences.json";  // the folder is created
    REQUIRE(savePreferences(file, sample()).empty());
    CHECK(loadPreferences(file) == sample());
    // Saving again replaces the file whole and leaves no temporary file behind.
    Preferences changed = sample();
    changed.layout.views = 0.6f;
    REQUIRE(savePreferences(file, changed).empty());
    CHECK(loadPreferences(file) == changed);
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir / "nested")) names.push_back(e.path().filename());
    CHECK(names == std::vector<std::string>{"preferences.json"});
}

TEST_CASE("a missing or corrupt preferences file gives the defaults", "[gui][preferences]") {
    iotest::TempDir dir;
    CHECK(loadPreferences(dir / "none.json") == Preferences{});
    CHECK(loadPreferences(dir.path()) == Preferences{});  // a folder where the file should be
    for (const std::string text : {"", "{", "null", "[1,2]", "\x89PNG\r\n\x1a\n\0\0garbage",
                                   R"({"format": "convscope-session", "layout": {"views": 0.7}})"}) {
        write(dir / "p.json", text);
        CHECK(loadPreferences(dir / "p.json") == Preferences{});
    }
    // Far too large for preferences: not read at all.
    write(dir / "big.json", "{\"layout\": {\"views\": 0.7}, \"pad\": \"" + std::string(200000, 'x') + "\"}");
    CHECK(loadPreferences(dir / "big.json") == Preferences{});
}

TEST_CASE("a wrong field falls back to its default and keeps the rest", "[gui][preferences]") {
    const Preferences p = parsePreferences(R"({
      "window": {"x": 10, "y": 20, "width": 1400, "height": "tall"},
      "layout": {"controls": 0.99, "views": -1, "formula": 0.4},
      "presentation_layout": {"views": 1e30, "formula": null, "controls": 0.3}
    })");
    CHECK_FALSE(p.window);  // a window needs all four numbers
    CHECK_FALSE(p.layout.controls);
    CHECK_FALSE(p.layout.views);
    REQUIRE(p.layout.formula);
    CHECK(*p.layout.formula == Approx(0.4f));
    CHECK(p.presentation == LayoutFractions{});
    // A UI size outside 100…300 % or a theme that is not true/false: the defaults.
    const Preferences odd = parsePreferences(R"({"ui_size": 40, "light_theme": "yes"})");
    CHECK(odd.uiScale == 1.0f);
    CHECK_FALSE(odd.lightTheme);
    // A language the app does not speak: the environment's; a recent file that is no path is
    // skipped, the others kept.
    const Preferences files = parsePreferences(R"({"language": "fr", "recent_files": ["/a.png", 7, "/b.png"]})");
    CHECK_FALSE(files.language);
    CHECK(files.recentFiles == std::vector<std::string>{"/a.png", "/b.png"});
    // A window too small to use is not restored.
    CHECK_FALSE(parsePreferences(R"({"window": {"x": 0, "y": 0, "width": 20, "height": 10}})").window);
}

TEST_CASE("the window opens where it was left, or at most of the primary work area", "[gui][preferences]") {
    const std::vector<ScreenArea> one = {{0, 0, 1600, 1000}};
    // First start: most of the work area, centred.
    const WindowPlacement first = initialPlacement(std::nullopt, one, 1024, 700);
    CHECK(first.width >= 1400);
    CHECK(first.height >= 900);
    CHECK(first.width <= 1600);
    CHECK(first.height <= 1000);
    CHECK(first.x == (1600 - first.width) / 2);
    // A small work area: never smaller than the window's minimum unless the screen is.
    CHECK(initialPlacement(std::nullopt, {{0, 0, 1100, 750}}, 1024, 700).width == 1024);
    CHECK(initialPlacement(std::nullopt, {{0, 0, 800, 600}}, 1024, 700).width == 800);
    // Where it was left.
    const WindowPlacement left{100, 50, 1200, 800, true};
    CHECK(initialPlacement(left, one, 1024, 700) == left);
    // On the second monitor, which is still there.
    const std::vector<ScreenArea> two = {{0, 0, 1600, 1000}, {1600, 0, 1920, 1080}};
    const WindowPlacement onSecond{1700, 40, 1500, 900, false};
    CHECK(initialPlacement(onSecond, two, 1024, 700) == onSecond);
    // That monitor unplugged: back on the primary one, not off screen.
    const WindowPlacement back = initialPlacement(onSecond, one, 1024, 700);
    CHECK(back.x >= 0);
    CHECK(back.x + back.width <= 1600);
    // Larger than the screen it is on now: shrunk and moved inside.
    const WindowPlacement huge = initialPlacement(WindowPlacement{-50, 0, 3000, 2000, false}, one, 1024, 700);
    CHECK(huge == WindowPlacement{0, 0, 1600, 1000, false});
}

TEST_CASE("preferences are saved once they settle, and at exit", "[gui][preferences]") {
    iotest::TempDir dir;
    const auto file = dir / "preferences.json";
    PreferencesFile store(file, 1.0);
    Preferences p = store.load();
    CHECK(p == Preferences{});
    store.tick(p, 0.0);
    CHECK_FALSE(std::filesystem::exists(file));  // nothing changed, nothing written
    p.layout.views = 0.7f;
    store.tick(p, 1.0);
    store.tick(p, 1.5);
    CHECK_FALSE(std::filesystem::exists(file));  // still being dragged
    store.tick(p, 2.1);
    CHECK(loadPreferences(file) == p);
    p.window = WindowPlacement{0, 0, 1300, 900, false};
    CHECK(store.flush(p).empty());
    CHECK(loadPreferences(file) == p);
}

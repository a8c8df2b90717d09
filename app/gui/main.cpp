// convscope: the window. GLFW + glad + Dear ImGui set-up and the frame loop only; everything
// else lives in App and the panels.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <glad/gl.h>
#include <imgui.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>
#include <vector>

#include "app.hpp"
#include "bench_ui.hpp"
#include "convscope/core/parallel.hpp"
#include "convscope/io/array.hpp"
#include "convscope/io/lesson.hpp"
#include "fonts.hpp"
#include "gl/readback.hpp"
#include "logic/animation.hpp"
#include "logic/autosave.hpp"
#include "logic/engine_text.hpp"
#include "logic/preferences.hpp"
#include "logic/ui_text.hpp"
#include "render/paths.hpp"
#include "render/theme.hpp"

namespace {

// SIGTERM / SIGINT end the loop like closing the window, so the session is still saved.
volatile std::sig_atomic_t g_stopRequested = 0;
// Set by GLFW's move, resize and maximise callbacks: the placement is read again only then
// (each query is a round trip to the X server).
bool g_placementChanged = true;

struct Options {
    std::string screenshot;
    int frames = 5;
    std::string size = "1280x800";
    std::string session;
    std::string image;
    bool noAutosave = false;
    bool benchUi = false;
    int benchLayers = 2;
    bool version = false;
    bool presentation = false;
    bool backward = false;
    int learnSteps = 0;
    int uiSizePercent = 100;
    std::string animation;  // --export-animation: the file, then its options as typed
    std::string fps;
    std::string region = "views";
    std::string positions;
    std::string language;   // empty: the preferences', else the environment's
    std::string reference;  // compared with the selected layer's output (the difference tab)
    std::string tab;        // a formula-panel tab to open first: diff or frequency
};

// --version also says where the lessons and samples are read from and whether the lessons
// load: the first thing to look at when an installed app shows none. Needs no display.
int printVersion() {
    std::vector<convscope::core::Error> problems;
    const auto lessons = convscope::io::loadLessons(convscope::gui::lessonsDirectory(), problems);
    std::cout << "convscope " << CONVSCOPE_VERSION << "\nassets: " << convscope::gui::assetDirectory().string() << " ("
              << lessons.size() << " lessons)\n";
    for (const auto& p : problems) std::cerr << "convscope: " << p.message << "\n";
    return problems.empty() ? 0 : 1;
}

// --export-animation's options, checked before a window opens; a message names what is wrong.
std::optional<std::string> animationProblem(const Options& opt, convscope::gui::AnimationOptions& out) {
    using namespace convscope::gui;
    if (!opt.screenshot.empty() || opt.benchUi)
        return "--export-animation cannot be combined with --screenshot or --bench-ui";
    if (!opt.fps.empty()) {
        const auto fps = parseFps(opt.fps);
        if (!fps) return "--fps '" + opt.fps + "' is not a frame rate from 0.1 to 50";
        out.fps = *fps;
    }
    const auto region = parseRegion(opt.region);
    if (!region) return "--region '" + opt.region + "' is not views or window";
    out.region = *region;
    if (!opt.positions.empty() && !parsePositions(opt.positions, out))
        return "--positions '" + opt.positions + "' is not FIRST-LAST (1-based, FIRST ≤ LAST)";
    return std::nullopt;
}

bool parseSize(const std::string& text, int minSide, int& w, int& h) {
    return std::sscanf(text.c_str(), "%dx%d", &w, &h) == 2 && w >= minSide && h >= minSide && w <= 8192 && h <= 8192;
}

constexpr float kFontPixels = 17.0f;
constexpr int kMinWindowW = 1024, kMinWindowH = 700;

// Presentation mode's computation panel: half as large again as the UI size in use, but no
// larger than about 30 lines of the window (a large UI size on a small window would leave
// room for one line of the sum), and never smaller than the rest of the UI. Rounded to 2 px
// so resizing the window does not rebuild the fonts at every step.
float presentationPixels(float pixels, int windowHeight) {
    const float fit = std::max(pixels, static_cast<float>(windowHeight) / 30.0f);
    return std::round(std::min(pixels * 1.5f, fit) * 0.5f) * 2.0f;
}

std::vector<convscope::gui::ScreenArea> workAreas() {
    std::vector<convscope::gui::ScreenArea> areas;
    GLFWmonitor* primary = glfwGetPrimaryMonitor();
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    for (int i = 0; i < count; ++i) {
        convscope::gui::ScreenArea a;
        glfwGetMonitorWorkarea(monitors[i], &a.x, &a.y, &a.width, &a.height);
        if (a.width <= 0 || a.height <= 0) continue;
        // The primary monitor first: a window with no saved place opens there.
        if (monitors[i] == primary)
            areas.insert(areas.begin(), a);
        else
            areas.push_back(a);
    }
    return areas;
}

// The window as the person would want it back: its normal size and place (not the maximised
// or full-screen ones, which the window manager and F11 give), and whether it was maximised.
void rememberPlacement(GLFWwindow* window, bool fullscreen, std::optional<convscope::gui::WindowPlacement>& saved) {
    if (fullscreen || glfwGetWindowAttrib(window, GLFW_ICONIFIED)) return;
    convscope::gui::WindowPlacement p = saved.value_or(convscope::gui::WindowPlacement{});
    p.maximized = glfwGetWindowAttrib(window, GLFW_MAXIMIZED) != 0;
    if (!p.maximized) {
        glfwGetWindowPos(window, &p.x, &p.y);
        glfwGetWindowSize(window, &p.width, &p.height);
    }
    if (p.width > 0 && p.height > 0) saved = p;
}

// F11: the primary monitor at its own resolution, and back to the window it was.
void setFullscreen(GLFWwindow* window, bool on) {
    static int x = 0, y = 0, w = 1280, h = 800;
    if (on) {
        GLFWmonitor* monitor = glfwGetPrimaryMonitor();
        const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
        if (!mode) return;
        glfwGetWindowPos(window, &x, &y);
        glfwGetWindowSize(window, &w, &h);
        glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    } else {
        glfwSetWindowMonitor(window, nullptr, x, y, w, h, GLFW_DONT_CARE);
    }
}

// Renders the frame's draw lists except `overlay` (onlyOverlay false), or just `overlay`.
void renderDrawData(ImDrawData* data, const ImDrawList* overlay, bool onlyOverlay) {
    if (!overlay) {
        if (!onlyOverlay) ImGui_ImplOpenGL3_RenderDrawData(data);
        return;
    }
    std::vector<ImDrawList*> lists;
    for (int i = 0; i < data->CmdListsCount; ++i)
        if ((data->CmdLists[i] == overlay) == onlyOverlay) lists.push_back(data->CmdLists[i]);
    ImDrawData part = *data;
    part.CmdLists = lists.data();
    part.CmdListsCount = static_cast<int>(lists.size());
    part.TotalIdxCount = part.TotalVtxCount = 0;
    for (const ImDrawList* list : lists) {
        part.TotalIdxCount += list->IdxBuffer.Size;
        part.TotalVtxCount += list->VtxBuffer.Size;
    }
    ImGui_ImplOpenGL3_RenderDrawData(&part);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"convscope: watch convolution and pooling at work"};
    Options opt;
    cli.add_option("--screenshot", opt.screenshot,
                   "Render --frames frames once the maps are shown, save the window as PNG, exit");
    cli.add_option("--frames", opt.frames, "Frames to render before the screenshot (default 5)")
        ->check(CLI::Range(1, 100000));
    cli.add_option("--size", opt.size, "Window size WxH (default 1280x800); with --bench-ui the picture's size");
    cli.add_flag("--bench-ui", opt.benchUi, "Time a scripted slider sweep on a synthetic picture (default 1024x1024)");
    cli.add_option("--bench-layers", opt.benchLayers, "With --bench-ui: 2 (conv, max pool; default) or 4 layers")
        ->check(CLI::IsMember({2, 4}));
    cli.add_option("--session", opt.session, "Open this session file (JSON)");
    cli.add_option("image", opt.image, "Open this picture as the input (a .json file: as a session)");
    cli.add_flag("--no-autosave", opt.noAutosave, "Neither restore nor save the session in the config folder");
    cli.add_flag("--version", opt.version, "Print the version and where lessons and samples are read from");
    cli.add_option("--language", opt.language, "The app's language for this run: en or zh-TW")
        ->check(CLI::IsMember({"en", "zh-TW"}));
    cli.add_option("--reference", opt.reference,
                   "Compare the selected layer's output with this file (.npy, .csv or a picture): the Difference tab");
    cli.add_option("--tab", opt.tab, "Open this formula-panel tab first: diff or frequency")
        ->check(CLI::IsMember({"diff", "frequency"}));
    cli.add_flag("--presentation", opt.presentation, "Start in presentation mode (F5): the views large");
    cli.add_flag("--backward", opt.backward, "Start with the backward pass shown (its tab open)");
    cli.add_option("--learn-steps", opt.learnSteps,
                   "Learn toward the input filtered by Sobel x for this many steps (SGD, the Backward tab's settings), "
                   "then show");
    cli.add_option("--ui-size", opt.uiSizePercent, "UI size in percent, 100-300 (Ctrl + / Ctrl -)")
        ->check(CLI::Range(100, 300));
    cli.add_option("--export-animation", opt.animation,
                   "Write the playback of the selected layer as an animated GIF (or out.png → out-0001.png, …), exit");
    cli.add_option("--fps", opt.fps,
                   "With --export-animation: frames per second, 0.1–50 (default: the playback speed)");
    cli.add_option("--region", opt.region, "With --export-animation: views (default) or window");
    cli.add_option("--positions", opt.positions, "With --export-animation: FIRST-LAST playback positions (1-based)");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
    if (opt.version) return printVersion();
    int width = 1280, height = 800;
    if (opt.benchUi && opt.size == "1280x800") opt.size = "1024x1024";
    if (opt.benchUi && opt.frames == 5) opt.frames = 400;
    const int minSide = opt.benchUi ? 8 : 320;  // a window needs room; a picture does not
    // An animation export is a script's job: every problem is exit status 1 with a message.
    const bool exportAnimation = !opt.animation.empty();
    convscope::gui::AnimationOptions animation;
    if (exportAnimation) {
        if (const auto problem = animationProblem(opt, animation)) {
            std::cerr << "convscope: " << *problem << "\n";
            return 1;
        }
    }
    if (!parseSize(opt.size, minSide, width, height)) {
        std::cerr << "convscope: --size '" << opt.size << "' is not WxH with sides " << minSide << "…8192\n";
        return exportAnimation ? 1 : 2;
    }
    // Scripted runs (screenshot, export) render the same frames wherever the pointer is.
    const bool scripted = !opt.screenshot.empty() || exportAnimation;

    glfwSetErrorCallback(
        [](int code, const char* text) { std::cerr << "GLFW error " << code << ": " << text << "\n"; });
    // The engine leaves one core to drawing: with software OpenGL the frame is rasterised on
    // the CPU too, and a frame that waits for cores the convolution holds is a stutter
    // (measured with --bench-ui on 2 cores; the engine's large maps are memory-bound anyway).
    convscope::core::setThreadCount(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1));
    if (!glfwInit()) {
        std::cerr << "convscope: cannot open a window (no display?). Try convscope-cli for the command line.\n";
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // Scripts and tests get exactly the size they ask for and leave the preferences alone; a
    // person gets the window as they left it, or most of the screen the first time.
    const bool fixedWindow = scripted || opt.benchUi;
    const auto configDir = convscope::gui::configDirectory();
    const auto prefsFile = fixedWindow || configDir.empty() ? std::filesystem::path{} : configDir / "preferences.json";
    std::optional<convscope::gui::WindowPlacement> placement;
    if (!fixedWindow && cli.count("--size") == 0)
        placement = convscope::gui::initialPlacement(convscope::gui::loadPreferences(prefsFile).window, workAreas(),
                                                     kMinWindowW, kMinWindowH);
    const int windowW = opt.benchUi ? 1280 : placement ? placement->width : width;
    const int windowH = opt.benchUi ? 800 : placement ? placement->height : height;
    glfwWindowHint(GLFW_VISIBLE, placement ? GLFW_FALSE : GLFW_TRUE);  // shown once it is in place
    GLFWwindow* window = glfwCreateWindow(windowW, windowH, "convscope", nullptr, nullptr);
    if (!window) {
        std::cerr << "convscope: cannot create an OpenGL 3.3 core window\n";
        glfwTerminate();
        return 1;
    }
    glfwSetWindowSizeLimits(window, kMinWindowW, kMinWindowH, GLFW_DONT_CARE, GLFW_DONT_CARE);
    if (placement) {
        glfwSetWindowPos(window, placement->x, placement->y);
        glfwShowWindow(window);
        if (placement->maximized) glfwMaximizeWindow(window);
    }
    glfwMakeContextCurrent(window);
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::cerr << "convscope: cannot load OpenGL functions\n";
        return 1;
    }
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed, nothing to remember in the working folder
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int status = 0;
    {
        convscope::gui::App app;
        std::string error;
        if (!app.init(error)) {
            std::cerr << "convscope: " << error << "\n";
            status = 1;
        }
        // A screenshot run is a test or a script: it neither reads nor changes the saved session.
        // Fonts after the lessons are loaded: the atlas holds just the Chinese they use.
        const std::string chinese = app.chineseText();
        const auto fonts = convscope::gui::loadFonts(kFontPixels, chinese);
        if (!fonts.message.empty()) std::cerr << "convscope: " << fonts.message << "\n";
        app.state.language = fonts.chinese ? convscope::gui::languageFromEnvironment() : convscope::gui::Language::En;
        std::optional<convscope::gui::UiBench> bench;
        if (opt.benchUi) {
            bench.emplace(width, height, opt.frames, opt.benchLayers);
            bench->setUp(app);
        }
        if (status == 0 && !scripted && !opt.noAutosave && !opt.benchUi && !configDir.empty())
            app.enableAutosave(configDir / "session.json");
        if (status == 0 && !prefsFile.empty()) app.enablePreferences(prefsFile);
        app.state.view.presentation = opt.presentation;
        if (opt.backward || opt.learnSteps > 0) {
            app.state.compute.gradient.pass = convscope::gui::Pass::Backward;
            app.state.view.backwardTabRequested = true;
            app.state.learn.stepsRequested = opt.learnSteps;
            // Learning has one target here, the lessons' one: the input filtered by Sobel x.
            if (opt.learnSteps > 0) app.state.compute.gradient.loss = convscope::core::LossKind::SquaredError;
        }
        // The UI size and theme the person left, unless this run asks for a size.
        app.state.view.uiScale =
            cli.count("--ui-size") ? static_cast<float>(opt.uiSizePercent) / 100.0f : app.prefs.uiScale;
        app.state.view.lightTheme = app.prefs.lightTheme;
        app.state.browseFolder = app.prefs.browseFolder;
        app.state.recentFiles = app.prefs.recentFiles;
        if (app.prefs.language) app.state.language = *app.prefs.language;
        if (!opt.language.empty()) app.state.language = convscope::gui::parseLanguage(opt.language);
        if (!fonts.chinese)
            app.state.language = convscope::gui::Language::En;  // a restored session may have asked for 中文
        if (!fonts.message.empty()) app.state.statusMessage = fonts.message;
        // A file manager's "Open with" passes sessions as the one file argument, like pictures;
        // .json tells them apart, as it does for a dropped file.
        const bool imageIsSession = convscope::io::extensionOf(opt.image) == ".json";
        for (const auto& [path, isSession] : {std::pair{opt.session, true}, std::pair{opt.image, imageIsSession}}) {
            if (status != 0 || path.empty()) continue;
            const auto problem = app.openAtStart(path, isSession);
            if (!problem) continue;
            std::cerr << "convscope: " << problem->message << "\n";
            if (scripted) status = 1;  // a script asked for this file: fail loudly
            // A person: show it in their language and carry on.
            app.state.statusMessage = convscope::gui::errorText(*problem, app.state.language);
        }
        if (status == 0 && !opt.reference.empty()) {
            convscope::gui::ReferenceOutput& ref = app.state.reference;
            convscope::gui::loadReference(ref, opt.reference, app.state.compute.selected.layer);
            ref.typedPath = opt.reference;
            if (!ref.error.empty()) {
                std::cerr << "convscope: " << ref.error << "\n";
                if (scripted) status = 1;
            }
            app.state.view.diffTabRequested = true;
        }
        if (opt.tab == "diff") app.state.view.diffTabRequested = true;
        if (opt.tab == "frequency") app.state.view.frequencyTabRequested = true;
        if (status == 0 && exportAnimation) {
            // By default the animation plays at the speed the session plays at.
            if (opt.fps.empty())
                animation.fps = std::clamp(static_cast<double>(app.state.playback.speed), convscope::gui::kMinFps,
                                           convscope::gui::kMaxFps);
            app.startAnimation({opt.animation, animation}, true);
        }
        // Chain our key handler after ImGui's, so every press reaches the app exactly once.
        glfwSetWindowUserPointer(window, &app);
        glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
            ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
            if (action != GLFW_RELEASE)
                static_cast<convscope::gui::App*>(glfwGetWindowUserPointer(w))->queueKey(key, mods);
        });
        glfwSetWindowPosCallback(window, [](GLFWwindow*, int, int) { g_placementChanged = true; });
        glfwSetWindowSizeCallback(window, [](GLFWwindow*, int, int) { g_placementChanged = true; });
        glfwSetWindowMaximizeCallback(window, [](GLFWwindow*, int) { g_placementChanged = true; });
        glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
            auto* target = static_cast<convscope::gui::App*>(glfwGetWindowUserPointer(w));
            for (int i = 0; i < count; ++i) target->queueDrop(paths[i]);
        });
        int frame = 0;
        int settleFrames = 0;
        int appliedFontGeneration = app.fontGeneration();
        float appliedScale = 1.0f;
        bool appliedLight = false;
        float appliedLarge = 0.0f;  // presentation mode's type size, 0 when not presenting
        bool fullscreen = false;
        convscope::gui::applyTheme(false, 1.0f);
        auto last = std::chrono::steady_clock::now();
        std::signal(SIGTERM, [](int) { g_stopRequested = 1; });
        std::signal(SIGINT, [](int) { g_stopRequested = 1; });
        while (status == 0 && !glfwWindowShouldClose(window) && !g_stopRequested && !app.quitRequested()) {
            // Sleep until something happens, or the next animation tick while playing. An
            // event gets two more frames at once: hover links are computed from the previous
            // frame's pointer, so one frame alone would show them late.
            if (scripted || bench || app.exportingAnimation() || settleFrames > 0) {
                glfwPollEvents();
                --settleFrames;
            } else {
                const double timeout = app.animating() ? 1.0 / 60.0 : 0.5;
                const auto before = std::chrono::steady_clock::now();
                glfwWaitEventsTimeout(timeout);
                if (std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count() < timeout * 0.9)
                    settleFrames = 2;
            }
            const auto now = std::chrono::steady_clock::now();
            const double dt = std::chrono::duration<double>(now - last).count();
            last = now;

            if (bench) bench->beforeFrame(app, frame);
            // Projector mode: fonts are rebuilt at the new size (crisp, not stretched).
            const auto& view = app.state.view;
            // Presentation mode adds the large type (only then: it doubles the atlas).
            int shownW = 0, shownH = 0;
            glfwGetWindowSize(window, &shownW, &shownH);
            const float pixels = kFontPixels * view.uiScale;
            const float largePixels = view.presentation ? presentationPixels(pixels, shownH) : 0.0f;
            const bool newGlyphs = app.fontGeneration() != appliedFontGeneration;
            if (view.uiScale != appliedScale || view.lightTheme != appliedLight || largePixels != appliedLarge ||
                newGlyphs) {
                if (view.uiScale != appliedScale || largePixels != appliedLarge || newGlyphs) {
                    ImGui::GetIO().Fonts->Clear();
                    app.largeFont = convscope::gui::loadFonts(pixels, app.chineseText(), largePixels).large;
                    ImGui_ImplOpenGL3_DestroyFontsTexture();
                    ImGui_ImplOpenGL3_CreateFontsTexture();
                }
                convscope::gui::applyTheme(view.lightTheme, view.uiScale);
                appliedScale = view.uiScale;
                appliedLight = view.lightTheme;
                appliedLarge = largePixels;
                appliedFontGeneration = app.fontGeneration();
            }
            if (view.fullscreen != fullscreen) {
                fullscreen = view.fullscreen;
                setFullscreen(window, fullscreen);
            }
            if (!scripted && g_placementChanged) {
                rememberPlacement(window, fullscreen, app.prefs.window);
                g_placementChanged = false;
            }
            ImGui_ImplOpenGL3_NewFrame();
            ImGui_ImplGlfw_NewFrame();
            if (scripted) {  // no hover, no clicks: the pointer sits wherever Xvfb put it
                ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
                for (bool& down : ImGui::GetIO().MouseDown) down = false;
            }
            ImGui::NewFrame();
            app.frame(scripted ? 0.0 : dt);
            ImGui::Render();
            int fbw = 0, fbh = 0;
            glfwGetFramebufferSize(window, &fbw, &fbh);
            glViewport(0, 0, fbw, fbh);
            const ImVec4 background = convscope::gui::palette().background;
            glClearColor(background.x, background.y, background.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            // The export's progress dialog is drawn after the frame is read back, so it is
            // never part of a recorded frame.
            const ImDrawList* overlay = app.overlayDrawList();
            renderDrawData(ImGui::GetDrawData(), overlay, false);
            app.afterRender(fbw, fbh);
            if (overlay) renderDrawData(ImGui::GetDrawData(), overlay, true);
            if (auto outcome = app.takeHeadlessOutcome()) {
                if (!outcome->status) std::cerr << "convscope: " << outcome->status.error().message << "\n";
                status = outcome->status ? 0 : 1;
                break;
            }
            // The frames are counted once the maps are computed and shown (a large picture takes
            // a few frames) and the --learn-steps are done.
            const bool settled = !app.result().computing && app.mapsShown() && app.state.learn.stepsRequested == 0;
            if (!opt.screenshot.empty() && settled && ++frame >= opt.frames) {
                const auto saved = convscope::gui::savePixelsPng(opt.screenshot, 0, 0, fbw, fbh, fbh);
                if (!saved) std::cerr << "convscope: " << saved.error().message << "\n";
                status = saved ? 0 : 1;
                break;
            }
            glfwSwapBuffers(window);
            app.lastFrameMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - now).count();
            if (bench) {
                bench->afterFrame(app, app.lastFrameMs);
                if (bench->done(++frame)) {
                    std::cout << bench->report();
                    break;
                }
            }
        }
        if (exportAnimation && status == 0 && app.exportingAnimation()) {
            // Stopped (SIGTERM, the window closed) before the last frame: the temp file goes
            // with the export, and a script must not take the missing file for success.
            std::cerr << "convscope: the animation export was interrupted; nothing was written\n";
            status = 1;
        }
        app.shutdown();
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

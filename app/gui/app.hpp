#pragma once
// One frame, one way: update the pipeline from the state, sync the GPU, build the panels,
// then carry out what the panels asked for (files, clipboard, screenshots).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "animation_export.hpp"
#include "logic/autosave.hpp"
#include "logic/pipeline.hpp"
#include "logic/playback.hpp"
#include "logic/preferences.hpp"
#include "logic/state.hpp"
#include "panels/panels.hpp"
#include "render/map_texture.hpp"
#include "render/map_views.hpp"

namespace convscope::gui {

class App {
public:
    // GL resources and the lessons; call with a current context. On failure `error` says why.
    bool init(std::string& error);
    const std::vector<io::Lesson>& lessons() const { return m_lessons; }
    // Every Chinese string the app may show: the UI table and the lessons.
    std::string chineseText() const;
    // Restores the autosaved session (and keeps saving to `file`); call once after init.
    void enableAutosave(const std::filesystem::path& file);
    // Loads a session or an image given on the command line; returns an error or empty.
    // The file's error, if it could not be opened (stderr gets it in English, the status line
    // in the person's language).
    std::optional<core::Error> openAtStart(const std::string& path, bool isSession);

    // Reads the app's preferences (window, splitters) from `file` and keeps saving them there
    // a moment after they change, and at exit. Without it they live only while the app runs.
    void enablePreferences(const std::filesystem::path& file);

    void frame(double dt);  // between ImGui::NewFrame and ImGui::Render
    // After the UI is rendered into the back buffer: screenshots and "export as shown".
    void afterRender(int framebufferWidth, int framebufferHeight);
    void shutdown();  // final autosave

    // True while frames should keep coming without input: playing, or waiting for a result.
    bool animating() const {
        return (state.playback.playing && totalSteps(m_pipeline.result(), state.transposed.mode) > 0) ||
               m_pipeline.result().computing || state.learn.running || m_pipeline.learning();
    }
    const PipelineResult& result() const { return m_pipeline.result(); }
    std::size_t buffersCreated() const { return m_pipeline.buffersCreated(); }  // for --bench-ui
    bool mapsShown() const { return m_maps.upToDate(); }                        // every view shows result()'s maps

    // Keys pressed since the last frame, from GLFW's key callback: ImGui 1.86 samples key
    // state once a frame and misses a press and release that fall within one frame.
    void queueKey(int key, int mods) { m_keys.push_back({key, mods}); }
    void queueDrop(const std::string& path) { m_drops.push_back(path); }

    bool quitRequested() const { return m_quit; }

    // Export animation (the dialog, or `convscope --export-animation`). A headless export
    // keeps its outcome for the caller instead of the status line.
    void startAnimation(const AnimationRequest& request, bool headless);
    bool exportingAnimation() const { return m_animation.running(); }
    std::optional<AnimationExport::Outcome> takeHeadlessOutcome() {
        auto outcome = std::move(m_headlessOutcome);
        m_headlessOutcome.reset();
        return outcome;
    }
    // What main renders after the captured frame is read back: the export's progress dialog.
    const ImDrawList* overlayDrawList() const { return m_overlay; }
    // Changes when text with new Chinese characters arrives (an opened or recorded lesson):
    // main rebuilds the font atlas, which holds only the characters in use.
    int fontGeneration() const { return m_fontGeneration; }

    State state = defaultState();
    Preferences prefs;            // main keeps `window` up to date
    ImFont* largeFont = nullptr;  // presentation mode's computation panel; main loads it
    double lastFrameMs = 0.0;

private:
    void handleKeys();
    void processRequests();
    std::optional<core::Error> openImage(const std::string& path);
    // A trained model for the Model tab (.onnx, .npz, .safetensors: isModelFile).
    static bool isModelFile(const std::string& path);
    std::optional<core::Error> openModelFile(const std::string& path);
    void useModelNodes();
    void loadSessionFile(const std::string& path);
    void exportMap(const std::string& path, View which);
    void rememberRecent(const std::string& path);
    void goToLesson(LessonPosition position);
    void openLessonFile(const std::string& path);
    void reportAnimation();

    struct Key {
        int key;
        int mods;
    };
    std::vector<Key> m_keys;
    std::vector<std::string> m_drops;
    std::string m_pendingScreenshot;  // whole window, after render
    std::string m_pendingViewPng;     // one view, after render
    View m_pendingView = View::None;
    Pipeline m_pipeline;
    MapRenderer m_renderer;
    MapViews m_maps;
    ReferenceComparison m_comparison;  // the selected layer against a loaded reference
    FileDialogState m_files;
    std::vector<io::Lesson> m_lessons;
    std::vector<core::Error> m_lessonProblems;
    std::unique_ptr<Autosave> m_autosave;
    std::unique_ptr<PreferencesFile> m_prefsFile;
    std::optional<Language> m_lastLanguage;         // last frame's, to notice the person switching
    std::optional<io::SessionImage> m_loadedImage;  // the picture settings of the input on screen
    double m_clock = 0.0;
    bool m_quit = false;
    AnimationExport m_animation;
    bool m_headlessAnimation = false;
    std::optional<AnimationExport::Outcome> m_headlessOutcome;
    const ImDrawList* m_overlay = nullptr;
    ScreenRect m_viewsRect;  // this frame's views region (screen pixels)
    LessonRecording m_recording;
    std::size_t m_recordedSteps = 0;
    int m_fontGeneration = 0;
};

}  // namespace convscope::gui

#include "app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <ctime>

#include "convscope/io/array.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/session.hpp"
#include "gl/readback.hpp"
#include "logic/backward_walk.hpp"
#include "logic/engine_text.hpp"
#include "logic/focus.hpp"
#include "logic/learning.hpp"
#include "logic/model_bridge.hpp"
#include "logic/pytorch_snippet.hpp"
#include "logic/quiz.hpp"
#include "logic/session_bridge.hpp"
#include "logic/stack_edit.hpp"
#include "logic/ui_text.hpp"
#include "logic/view_slots.hpp"
#include "render/paths.hpp"

namespace convscope::gui {

bool App::init(std::string& error) {
    if (!m_renderer.init(error)) return false;
    m_maps.initLegends(m_renderer);
    m_lessons = io::loadLessons(lessonsDirectory(), m_lessonProblems);
    return true;
}

std::string App::chineseText() const {
    std::string all;
    for (const UiText& t : allUiText()) all += t.zh;
    all += engineChineseText();
    for (const io::Lesson& lesson : m_lessons) {
        all += lesson.title.zh;
        for (const io::LessonStep& step : lesson.steps) all += step.text.zh;
    }
    all += m_recording.recorder.title.zh;
    for (const RecordedStep& step : m_recording.recorder.steps()) all += step.text.zh;
    return all;
}

void App::goToLesson(LessonPosition position) {
    if (position.index < 0 || position.index >= static_cast<int>(m_lessons.size())) return;
    const io::Lesson& lesson = m_lessons[static_cast<std::size_t>(position.index)];
    if (position.step < 0 || position.step >= static_cast<int>(lesson.steps.size())) return;
    const io::LessonStep& step = lesson.steps[static_cast<std::size_t>(position.step)];
    // The scene replaces the setup; the person's preferences are no part of it.
    if (auto applied = applySession(step.scene, state); !applied) {
        state.statusMessage = lesson.file + ": " + errorText(applied.error(), state.language);
        return;
    }
    state.lesson = position;
    state.view.lessonTabRequested = !step.scene.shiftEnabled;
    state.view.shiftTabRequested = step.scene.shiftEnabled;
    if (step.pin) {
        // io::loadLessons accepts only the four names.
        state.pin = Cell{parseViewName(step.pin->view).value_or(View::Pool), step.pin->row, step.pin->col};
    }
}

void App::enableAutosave(const std::filesystem::path& file) {
    m_autosave = std::make_unique<Autosave>(file);
    const std::string problem = m_autosave->restore(state);
    if (!problem.empty()) state.statusMessage = problem;
}

void App::enablePreferences(const std::filesystem::path& file) {
    m_prefsFile = std::make_unique<PreferencesFile>(file);
    prefs = m_prefsFile->load();
}

bool App::isModelFile(const std::string& path) {
    const std::string ext = io::extensionOf(path);
    return ext == ".onnx" || ext == ".npz" || ext == ".safetensors";
}

std::optional<core::Error> App::openModelFile(const std::string& path) {
    if (auto opened = gui::openModel(path, state); !opened) {
        state.statusMessage = errorText(opened.error(), state.language);  // the open model stays as it was
        return opened.error();
    }
    state.statusMessage = fill(T::StatusModelOpened, state.language,
                               {{"path", path},
                                {"nodes", std::to_string(state.model->model->nodes.size())},
                                {"tensors", std::to_string(state.model->model->tensors.size())}});
    return std::nullopt;
}

void App::useModelNodes() {
    auto used = gui::useModelNodes(state);
    if (!used) {
        state.statusMessage = errorText(used.error(), state.language);
        return;
    }
    if (*used && state.image) openImage(state.image->path);  // the picture again, in the channels the layer reads
    state.statusMessage = fill(T::StatusModelStack, state.language,
                               {{"first", std::to_string(state.model->first)},
                                {"last", std::to_string(state.model->last)},
                                {"path", std::filesystem::path(state.model->path).filename().string()}});
}

std::optional<core::Error> App::openAtStart(const std::string& path, bool isSession) {
    if (!isSession && isModelFile(path)) return openModelFile(path);
    if (isSession) {
        auto session = io::loadSession(path);
        if (!session) return session.error();
        if (auto applied = applySession(*session, state); !applied) return applied.error();
        return std::nullopt;
    }
    return openImage(path);
}

void App::handleKeys() {
    std::vector<Key> keys;
    keys.swap(m_keys);
    if (m_animation.running()) {  // the scene stays as it is while it is recorded; Esc cancels
        for (const Key& k : keys)
            if (k.key == GLFW_KEY_ESCAPE) m_animation.cancel();
        return;
    }
    const bool typing = ImGui::GetIO().WantTextInput;  // keys belong to the field being edited
    PlaybackState& p = state.playback;
    const PipelineResult& r = m_pipeline.result();
    const TransposedMode walk = state.transposed.mode;  // a transposed block's walk
    for (const Key& k : keys) {
        if (k.key == GLFW_KEY_F12) state.requests.screenshot = true;
        if (k.key == GLFW_KEY_F1) state.view.showHelp = !state.view.showHelp;
        if (k.key == GLFW_KEY_F11) state.view.fullscreen = !state.view.fullscreen;
        if (k.key == GLFW_KEY_F5) state.view.presentation = !state.view.presentation;
        const bool withCtrl = (k.mods & GLFW_MOD_CONTROL) != 0;
        if (withCtrl && (k.key == GLFW_KEY_EQUAL || k.key == GLFW_KEY_KP_ADD))
            state.view.uiScale = std::min(3.0f, state.view.uiScale + 0.25f);
        if (withCtrl && (k.key == GLFW_KEY_MINUS || k.key == GLFW_KEY_KP_SUBTRACT))
            state.view.uiScale = std::max(1.0f, state.view.uiScale - 0.25f);
        if (withCtrl && k.key == GLFW_KEY_0) state.view.uiScale = 1.0f;
        if (typing) continue;
        const bool ctrl = (k.mods & GLFW_MOD_CONTROL) != 0;
        switch (k.key) {
            case GLFW_KEY_SPACE: p.playing = !p.playing; break;
            case GLFW_KEY_RIGHT:
                p.playing = false;
                stepBy(p, r, 1, walk);
                break;
            case GLFW_KEY_LEFT:
                p.playing = false;
                stepBy(p, r, -1, walk);
                break;
            case GLFW_KEY_HOME: stepBy(p, r, -walkLength(p, r, walk), walk); break;
            case GLFW_KEY_END: stepBy(p, r, walkLength(p, r, walk), walk); break;
            case GLFW_KEY_ESCAPE:
                // The nearest thing first: the help over everything, then a pinned cell, then
                // the mode (a teacher unpinning in front of the class keeps the big views).
                if (state.view.showHelp)
                    state.view.showHelp = false;
                else if (state.pin.valid())
                    state.pin = Cell{};
                else
                    state.view.presentation = false;
                break;
            case GLFW_KEY_PAGE_UP:
            case GLFW_KEY_PAGE_DOWN: {  // the layer before / after in the stack
                Selection& sel = state.compute.selected;
                const int next = sel.layer + (k.key == GLFW_KEY_PAGE_DOWN ? 1 : -1);
                if (next >= 0 && next < static_cast<int>(state.compute.layers.size())) sel = Selection{next, 0, 0};
                break;
            }
            case GLFW_KEY_LEFT_BRACKET:
            case GLFW_KEY_RIGHT_BRACKET: {  // the filter (the channel, without a conv) before / after
                Selection& sel = state.compute.selected;
                const int next = sel.filter + (k.key == GLFW_KEY_RIGHT_BRACKET ? 1 : -1);
                if (next >= 0 && next < m_pipeline.result().conv().channels) sel.filter = next;
                break;
            }
            case GLFW_KEY_Q:
                if (ctrl) m_quit = true;
                break;
            case GLFW_KEY_S:
                if (ctrl) state.requests.saveSession = m_files.path.empty() ? "convscope-session.json" : m_files.path;
                break;
            default: break;
        }
    }
}

void App::rememberRecent(const std::string& path) {
    auto& recent = state.recentFiles;
    recent.erase(std::remove(recent.begin(), recent.end(), path), recent.end());
    recent.insert(recent.begin(), path);
    if (recent.size() > kMaxRecentFiles) recent.resize(kMaxRecentFiles);
}

std::optional<core::Error> App::openImage(const std::string& path) {
    io::SessionImage image;
    image.path = path;
    if (state.image && state.image->path == path)
        image = *state.image;  // keep channel, size, crop
    else if (channelsRead(state.compute.layers) == 3)
        image.channel = io::ImageChannel::Rgb;
    auto input = io::loadImageInput(image);
    if (!input) {
        state.statusMessage = errorText(input.error(), state.language);             // the current input stays as it was
        if (state.image && state.image->path == path) state.image = m_loadedImage;  // undo the bad edit
        return input.error();
    }
    m_loadedImage = image;
    state.compute.setPicture(std::move(*input));
    state.image = image;
    state.pin = Cell{};
    const core::Tensor& in = state.compute.input();
    state.statusMessage =
        fill(T::StatusOpened, state.language,
             {{"path", path}, {"height", std::to_string(in.height)}, {"width", std::to_string(in.width)}});
    rememberRecent(path);
    return std::nullopt;
}

void App::openLessonFile(const std::string& path) {
    auto text = io::readFile(path, 4u << 20);
    auto lesson = text ? io::parseLesson(*text, std::filesystem::path(path).parent_path())
                       : core::Result<io::Lesson>(text.error());
    if (!lesson) {
        state.statusMessage = path + ": " + errorText(lesson.error(), state.language);
        return;
    }
    // Played from where it is (not copied into assets/); opening it again reloads it.
    lesson->file = std::filesystem::absolute(path).lexically_normal().string();
    auto same =
        std::find_if(m_lessons.begin(), m_lessons.end(), [&](const io::Lesson& l) { return l.file == lesson->file; });
    if (same == m_lessons.end())
        same = m_lessons.insert(m_lessons.end(), std::move(*lesson));
    else
        *same = std::move(*lesson);
    ++m_fontGeneration;
    goToLesson(LessonPosition{static_cast<int>(same - m_lessons.begin()), 0});
    state.statusMessage = fill(T::StatusOpenedLesson, state.language, {{"path", path}});
}

void App::loadSessionFile(const std::string& path) {
    if (auto text = io::readFile(path, io::kMaxSessionBytes); text && looksLikeLesson(*text)) {
        openLessonFile(path);
        return;
    }
    auto session = io::loadSession(path);
    if (!session) {
        state.statusMessage = errorText(session.error(), state.language);
        return;
    }
    if (auto applied = applySession(*session, state); !applied) {
        state.statusMessage = errorText(applied.error(), state.language);
        return;
    }
    state.statusMessage = fill(T::StatusLoadedSession, state.language, {{"path", path}});
}

void App::exportMap(const std::string& path, View which) {
    const PipelineResult& r = m_pipeline.result();
    if (io::extensionOf(path) == ".png") {  // as displayed: after this frame is rendered
        m_pendingViewPng = path;
        m_pendingView = which;
        return;
    }
    const core::Tensor* map = which == View::Conv   ? (r.hasConv ? &r.activated() : nullptr)
                              : which == View::Pool ? (r.hasPool ? &r.pool().values : nullptr)
                                                    : &r.stageInput();
    if (!map) {
        state.statusMessage = tr(T::StatusNothingToExport).in(state.language);
        return;
    }
    if (auto s = io::writeArray(path, io::fromTensor(*map, true)); !s)
        state.statusMessage = errorText(s.error(), state.language);
    else
        state.statusMessage =
            fill(T::StatusExported, state.language, {{"path", std::filesystem::absolute(path).string()}});
}

void App::startAnimation(const AnimationRequest& request, bool headless) {
    m_headlessAnimation = headless;
    m_animation.start(request, state);
}

void App::reportAnimation() {
    auto outcome = m_animation.takeOutcome();
    if (!outcome) return;
    if (m_headlessAnimation) {
        m_headlessOutcome = std::move(outcome);
        return;
    }
    Language lang = state.language;
    if (outcome->cancelled)
        state.statusMessage = tr(T::StatusAnimationCancelled).in(lang);
    else if (!outcome->status && outcome->status.error().parameter == "positions")
        state.statusMessage = tr(T::AnimationNoPositions).in(lang);
    else if (!outcome->status)
        state.statusMessage = fill(T::StatusAnimationFailed, lang, {{"reason", outcome->status.error().message}});
    else
        state.statusMessage = fill(
            T::StatusAnimationSaved, lang,
            {{"frames", std::to_string(outcome->frames)}, {"path", std::filesystem::absolute(outcome->path).string()}});
}

void App::processRequests() {
    if (m_animation.running()) {  // the progress dialog is modal: nothing else changes meanwhile
        state.requests = Requests{};
        return;
    }
    for (const std::string& path : m_drops) {
        if (io::extensionOf(path) == ".json")
            loadSessionFile(path);
        else if (isModelFile(path))
            openModelFile(path);
        else
            openImage(path);
    }
    m_drops.clear();
    Requests& q = state.requests;
    if (!q.openImage.empty() && isModelFile(q.openImage)) std::swap(q.openImage, q.openModel);  // typed or browsed
    if (!q.openImage.empty()) openImage(q.openImage);
    if (!q.openModel.empty()) openModelFile(q.openModel);
    if (q.useModelNodes) useModelNodes();
    if (q.loadModelTensor) {
        if (auto loaded = gui::loadModelTensor(state); !loaded) {
            state.statusMessage = errorText(loaded.error(), state.language);
        } else {
            const io::StoredTensor& t = state.model->model->tensors[static_cast<std::size_t>(state.model->tensor)];
            state.statusMessage =
                fill(T::StatusTensorLoaded, state.language, {{"name", t.name}, {"shape", t.shapeText()}});
        }
    }
    if (!q.loadSession.empty()) loadSessionFile(q.loadSession);
    if (!q.saveSession.empty()) {
        if (auto s = io::saveSession(q.saveSession, toSession(state)); !s)
            state.statusMessage = errorText(s.error(), state.language);
        else
            state.statusMessage = fill(T::StatusSavedSession, state.language,
                                       {{"path", std::filesystem::absolute(q.saveSession).string()}});
    }
    if (!q.exportMap.empty()) exportMap(q.exportMap, q.exportWhat);
    if (q.lesson) goToLesson(*q.lesson);
    if (!q.openLesson.empty()) openLessonFile(q.openLesson);
    if (!q.saveLesson.empty()) {
        if (auto s = m_recording.recorder.save(q.saveLesson); !s)
            state.statusMessage = errorText(s.error(), state.language);
        else
            state.statusMessage = fill(T::StatusSavedLesson, state.language,
                                       {{"path", std::filesystem::absolute(q.saveLesson).string()}});
    }
    if (q.exportAnimation) startAnimation(*q.exportAnimation, false);
    if (q.copyPyTorch) {
        ImGui::SetClipboardText(pytorchSnippet(state).c_str());
        state.statusMessage = tr(T::StatusCopiedPyTorch).in(state.language);
    }
    if (q.screenshot) {
        char name[64];
        const std::time_t now = std::time(nullptr);
        std::strftime(name, sizeof name, "convscope-%Y%m%d-%H%M%S.png", std::localtime(&now));
        m_pendingScreenshot = name;
    }
    q = Requests{};
}

void App::frame(double dt) {
    m_clock += dt;
    handleKeys();
    processRequests();
    conformStack(state.compute);       // after every source of change, before the numbers
    driveLearning(state, m_pipeline);  // a finished chunk's weights, before the numbers
    m_pipeline.update(state.compute);
    if (m_animation.running()) (void)m_pipeline.finish();  // every recorded frame shows its numbers
    const PipelineResult& r = m_pipeline.result();
    m_animation.beforeFrame(state, r);
    const TransposedMode walk = state.transposed.mode;  // a transposed block's walk
    clampStep(state.playback, r, walk);
    advance(state.playback, r, dt, walk);

    // While a prediction is open the maps that hold the answer stay blank.
    const Reveal reveal = hidesMaps(state.quiz) ? Reveal{0, 0, 0, 0} : revealAt(state.playback, r, walk);
    m_renderer.beginFrame();
    compareReference(state.reference, r, m_comparison);
    m_maps.sync(m_renderer, r, reveal, diffSource(m_comparison, r.convInputs.selected.filter, state.reference.inUlps));

    m_maps.syncPartial(m_renderer, r, state.playback);
    const Focus focus = computeFocus(state, r);
    state.hover = Cell{};  // the views set it again if the pointer is over a cell
    LayoutFractions& fractions = state.view.presentation ? prefs.presentation : prefs.layout;
    // Presentation: the sum in large type, readable from the back of the room.
    const bool large = state.view.presentation && largeFont;
    const Layout layout = computeLayout(ImGui::GetIO().DisplaySize, state.view.uiScale, fractions,
                                        state.view.presentation, state.language, large ? largeFont : nullptr);
    drawSplitters(layout, fractions, state.language);  // first: its window lies behind the panels
    if (state.view.presentation)
        drawPresentationStrip(layout, state, r);
    else
        drawControlsPanel(layout, state, r, m_files);
    drawStackStrip(layout, state, r);
    drawViewsPanel(layout, state, r, focus, m_maps, m_comparison);
    if (const auto progress = m_pipeline.progress()) drawProgress(r, *progress, m_maps, state.language);
    if (large) ImGui::PushFont(largeFont);
    drawComputationPanel(layout, state, r, focus, m_comparison, m_maps);
    if (large) ImGui::PopFont();
    drawFormulaPanel(layout, state, r, m_lessons, m_lessonProblems, m_maps, m_recording, m_comparison);
    drawHelpOverlay(state);
    m_viewsRect = {layout.viewsPos.x, layout.viewsPos.y, layout.viewsPos.x + layout.viewsSize.x,
                   layout.viewsPos.y + layout.viewsSize.y};
    bool cancel = false;
    m_overlay = m_headlessAnimation ? nullptr
                                    : drawAnimationProgress(state.language, m_animation.running(), m_animation.done(),
                                                            m_animation.total(), cancel);
    if (cancel) m_animation.cancel();
    if (m_recording.recorder.steps().size() != m_recordedSteps) {  // new text: its glyphs
        m_recordedSteps = m_recording.recorder.steps().size();
        ++m_fontGeneration;
    }

    if (state.view.showFrameStats) {
        // Anchored by its top-right corner: the text is wider in some languages.
        ImGui::SetNextWindowPos({layout.viewsPos.x + layout.viewsSize.x - 8, 8}, ImGuiCond_Always, {1.0f, 0.0f});
        ImGui::SetNextWindowBgAlpha(0.75f);
        ImGui::Begin("##stats", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoInputs);
        ImGui::Text(tr(T::FrameTimes).in(state.language), lastFrameMs, r.computeMs);
        ImGui::Text(tr(T::InputSizeStat).in(state.language), state.compute.input().height, state.compute.input().width);
        ImGui::End();
    }
    if (m_autosave && !m_animation.running()) m_autosave->tick(state, m_clock);
    // The projector set-up and the files are the person's, not the session's.
    prefs.uiScale = state.view.uiScale;
    prefs.lightTheme = state.view.lightTheme;
    prefs.browseFolder = state.browseFolder;
    prefs.recentFiles = state.recentFiles;
    // The language is kept once the person switches it; until then it follows the environment.
    if (m_lastLanguage && *m_lastLanguage != state.language) prefs.language = state.language;
    m_lastLanguage = state.language;
    if (m_prefsFile) m_prefsFile->tick(prefs, m_clock);
    reportAnimation();
}

void App::afterRender(int fbw, int fbh) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float scale = display.x > 0 ? static_cast<float>(fbw) / display.x : 1.0f;
    if (m_animation.running()) {
        if (m_animation.request().options.region == AnimationRegion::Window) {
            m_animation.afterRender(state, 0, 0, fbw, fbh, fbh);
        } else {
            const int x = static_cast<int>(m_viewsRect.x0 * scale), y = static_cast<int>(m_viewsRect.y0 * scale);
            m_animation.afterRender(
                state, x, y, std::min(fbw - x, static_cast<int>((m_viewsRect.x1 - m_viewsRect.x0) * scale)),
                std::min(fbh - y, static_cast<int>((m_viewsRect.y1 - m_viewsRect.y0) * scale)), fbh);
        }
        reportAnimation();
    }
    if (!m_pendingScreenshot.empty()) {
        const auto saved = savePixelsPng(m_pendingScreenshot, 0, 0, fbw, fbh, fbh);
        state.statusMessage = saved ? fill(T::StatusSaved, state.language,
                                           {{"path", std::filesystem::absolute(m_pendingScreenshot).string()}})
                                    : errorText(saved.error(), state.language);
        m_pendingScreenshot.clear();
    }
    if (!m_pendingViewPng.empty()) {
        const ScreenRect rect = m_maps.slot(m_pendingView).rect;
        const int x = static_cast<int>(rect.x0 * scale), y = static_cast<int>(rect.y0 * scale);
        const int w = std::min(fbw - x, static_cast<int>((rect.x1 - rect.x0) * scale));
        const int h = std::min(fbh - y, static_cast<int>((rect.y1 - rect.y0) * scale));
        const auto saved = w > 0 && h > 0 ? savePixelsPng(m_pendingViewPng, x, y, w, h, fbh) : core::Status(core::Ok{});
        state.statusMessage = w <= 0 || h <= 0 ? tr(T::StatusNothingToExport).in(state.language)
                              : saved          ? fill(T::StatusExported, state.language,
                                                      {{"path", std::filesystem::absolute(m_pendingViewPng).string()}})
                                               : errorText(saved.error(), state.language);
        m_pendingViewPng.clear();
    }
}

void App::shutdown() {
    if (m_prefsFile) {
        const std::string error = m_prefsFile->flush(prefs);
        if (!error.empty()) fprintf(stderr, "convscope: could not save the preferences: %s\n", error.c_str());
    }
    if (!m_autosave) return;
    const std::string error = m_autosave->flush(state);
    if (!error.empty()) fprintf(stderr, "convscope: could not save the session: %s\n", error.c_str());
}

}  // namespace convscope::gui

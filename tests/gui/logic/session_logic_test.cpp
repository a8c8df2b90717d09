// Sessions from the app's side: state ↔ file, autosave, and what happens to a broken file.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../io/temp_dir.hpp"
#include "logic/autosave.hpp"
#include "logic/pytorch_snippet.hpp"
#include "logic/session_bridge.hpp"
#include "logic/stack_edit.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

State editedState() {
    State s = defaultState();
    s.compute.editPicture().at(0, 2, 3) = 42.0f;
    s.compute.conv()->stride.h = 2;
    s.compute.conv()->mode = core::PaddingMode::Replicate;
    *s.compute.pool() = core::AvgPool2d{};
    s.playback.step = 5;
    s.pin = Cell{View::Conv, 1, 1};  // a moment, not setup: not saved
    return s;
}

}  // namespace

TEST_CASE("state → session → state keeps the setup and drops hover and pin", "[gui][session]") {
    const State original = editedState();
    State restored = defaultState();
    REQUIRE(applySession(toSession(original), restored).ok());
    CHECK(restored.compute == original.compute);
    CHECK(restored.playback.step == 5);
    CHECK_FALSE(restored.pin.valid());
}

TEST_CASE("a session whose transposed conv changes the channel count opens; a wrong count is named", "[gui][session]") {
    State s = defaultState();  // a 1-channel picture
    core::Conv2d down;
    down.weights = core::Weights(4, 1, 3, 3, 0.5f);  // 1 → 4
    core::ConvTranspose2d up;
    up.weights = core::Weights(4, 2, 3, 3, 0.25f);  // (C = 4, OC = 2)
    core::Conv2d after;
    after.weights = core::Weights(1, 2, 1, 1, 1.0f);  // reads the 2 channels the transposed conv writes
    s.compute.layers = {down, core::Activation{}, up, after};
    State opened = defaultState();
    REQUIRE(applySession(toSession(s), opened).ok());
    CHECK(opened.compute.layers == s.compute.layers);

    std::get<core::Conv2d>(s.compute.layers[3]).weights = core::Weights(1, 4, 1, 1, 1.0f);  // reads 4: wrong
    State refused = defaultState();
    const auto status = applySession(toSession(s), refused);
    REQUIRE_FALSE(status.ok());
    CHECK(status.error().message.find("layer 4's kernel reads 4 channel(s), but its input has 2") != std::string::npos);
}

TEST_CASE("opening someone else's session keeps my language, UI size, theme and files", "[gui][session]") {
    State theirs = editedState();
    theirs.language = Language::ZhTw;
    theirs.view.uiScale = 2.5f;
    theirs.view.lightTheme = true;
    theirs.browseFolder = "/home/them";
    theirs.recentFiles = {"/home/them/cat.png"};
    State mine = defaultState();
    mine.language = Language::En;
    mine.view.uiScale = 1.25f;
    mine.browseFolder = "/home/me";
    REQUIRE(applySession(toSession(theirs), mine).ok());
    CHECK(mine.compute == theirs.compute);  // their setup
    CHECK(mine.language == Language::En);   // my preferences
    CHECK(mine.view.uiScale == 1.25f);
    CHECK_FALSE(mine.view.lightTheme);
    CHECK(mine.browseFolder == "/home/me");
    CHECK(mine.recentFiles.empty());
}

TEST_CASE("a session whose picture is gone leaves the state untouched", "[gui][session]") {
    io::Session session = toSession(editedState());
    session.image = io::SessionImage{"/no/such/picture.png", io::ImageChannel::Luminance, 32, false, {}};
    State s = defaultState();
    const State before = s;
    auto r = applySession(session, s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("picture.png") != std::string::npos);
    CHECK(s.compute == before.compute);
}

TEST_CASE("autosave writes after the delay, and the next start restores it", "[gui][autosave]") {
    iotest::TempDir dir;
    const auto file = dir / "session.json";
    State s = editedState();
    {
        Autosave saver(file, 1.0);
        saver.tick(s, 10.0);  // the change is noticed…
        saver.tick(s, 10.5);  // …but not yet saved (debounced)
        CHECK_FALSE(std::filesystem::exists(file));
        saver.tick(s, 11.2);
        CHECK(std::filesystem::exists(file));
    }
    State next = defaultState();
    Autosave restorer(file);
    CHECK(restorer.restore(next).empty());
    CHECK(next.compute == s.compute);
}

TEST_CASE("flush at exit saves a change made just before quitting", "[gui][autosave]") {
    iotest::TempDir dir;
    Autosave saver(dir / "session.json", 1.0);
    State s = editedState();
    saver.tick(s, 0.0);
    CHECK(saver.flush(s).empty());
    State next = defaultState();
    CHECK(Autosave(dir / "session.json").restore(next).empty());
    CHECK(next.compute == s.compute);
}

TEST_CASE("a corrupt saved session is moved aside, never overwritten, and the default scene starts",
          "[gui][autosave]") {
    iotest::TempDir dir;
    const auto file = dir / "session.json";
    iotest::writeBytes(dir / "session.json.bak", "an older backup");
    iotest::writeBytes(file, "{ this is not json");
    State s = defaultState();
    Autosave saver(file);
    const std::string message = saver.restore(s);
    CHECK(message.find("could not be read") != std::string::npos);
    CHECK(message.find("session.json.bak.1") != std::string::npos);
    CHECK(iotest::readBytes(dir / "session.json.bak") == "an older backup");
    CHECK(iotest::readBytes(dir / "session.json.bak.1") == "{ this is not json");
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(s.compute == defaultState().compute);
}

TEST_CASE("the corrupt-session message follows the person's language", "[gui][autosave][i18n]") {
    iotest::TempDir dir;
    const auto file = dir / "session.json";
    iotest::writeBytes(file, "{ this is not json");
    State s = defaultState();
    s.language = Language::ZhTw;  // from the locale, before the saved session would have set it
    const std::string message = Autosave(file).restore(s);
    CHECK(message.find("無法讀取上次儲存的工作階段") != std::string::npos);
    CHECK(message.find("session.json.bak") != std::string::npos);
}

TEST_CASE("a session saved with any layer selected loads again", "[gui][session]") {
    // Sessions tie the shown filter and channel to a conv layer: whatever is selected in the
    // app (a pooling of a conv's block, a lone activation showing channel 2), the file it
    // writes must read back, or the autosave would refuse it at the next start.
    State s = defaultState();
    s.compute.setPicture(core::Tensor(3, 8, 8, 1.0f));
    applyStackPreset(s.compute, StackPreset::VggBlock);
    s.compute.layers.push_back(core::Activation{core::ActivationKind::LeakyRelu, 0.2f});
    for (int layer = 0; layer < static_cast<int>(s.compute.layers.size()); ++layer) {
        INFO("layer " << layer + 1);
        s.compute.selected = Selection{layer, 2, 0};
        conformStack(s.compute);
        const io::Session session = toSession(s);
        auto read = io::parseSession(io::sessionToJson(session));
        REQUIRE(read.ok());
        State restored = defaultState();
        REQUIRE(applySession(*read, restored).ok());
        CHECK(restored.compute.layers == s.compute.layers);
        CHECK(restored.compute.block() == s.compute.block());
    }
}

TEST_CASE("the PyTorch snippet states the current setup", "[gui][pytorch]") {
    State s = editedState();
    const std::string py = pytorchSnippet(s);
    CHECK(py.find("reshape(1, 1, 7, 7)") != std::string::npos);
    CHECK(py.find("42") != std::string::npos);
    CHECK(py.find("padding_mode='replicate'") != std::string::npos);
    CHECK(py.find("stride=(2, 1)") != std::string::npos);
    CHECK(py.find("nn.AvgPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), ceil_mode=False, "
                  "count_include_pad=True)") != std::string::npos);
}

// Runs the snippet with Debian's python3-torch, when it is installed, and compares every
// layer's map with convscope's own: the snippet is only worth copying if it gives our numbers.
TEST_CASE("the PyTorch snippet computes convscope's numbers", "[gui][pytorch]") {
    if (std::system("/usr/bin/python3 -c 'import torch' >/dev/null 2>&1") != 0) {
        WARN("python3-torch is not installed: the snippet was not run");
        return;
    }
    State s = editedState();
    // Every layer kind, grouped and dilated convs, leaky ReLU, a padding mode other than zeros.
    s.compute.setPicture(core::Tensor(2, 9, 8));
    for (std::size_t i = 0; i < s.compute.input().data.size(); ++i)
        s.compute.editPicture().data[i] = static_cast<float>(static_cast<int>(i * 7 % 11) - 5) * 0.5f;
    core::Conv2d grouped;
    grouped.weights = core::Weights(4, 1, 3, 3);
    for (std::size_t i = 0; i < grouped.weights.data.size(); ++i)
        grouped.weights.data[i] = static_cast<float>(static_cast<int>(i * 5 % 7) - 3);
    grouped.bias = {0.5f, -1.0f, 0.25f, 2.0f};
    grouped.groups = 2;
    grouped.mode = core::PaddingMode::Reflect;
    grouped.dilation = {1, 2};
    grouped.padding = {core::PaddingSpec::Kind::Explicit, 1, 2};
    core::Conv2d pointwise;
    pointwise.weights = core::Weights(3, 4, 1, 1, 0.5f);
    pointwise.padding = {core::PaddingSpec::Kind::Explicit, 0, 0};
    s.compute.layers = {grouped,
                        core::Activation{core::ActivationKind::LeakyRelu, 0.2f},
                        core::MaxPool2d{{2, 2}, {2, 1}, {1, 0}, {1, 1}, true},
                        pointwise,
                        core::Activation{},
                        core::AvgPool2d{{3, 2}, {1, 2}, {1, 1}, false, false}};
    const auto ours = core::runStack(s.compute.input(), s.compute.layers);
    REQUIRE(ours.ok());

    iotest::TempDir dir;
    const std::filesystem::path script = dir / "snippet.py", dump = dir / "maps.json";
    {
        std::ofstream out(script);
        out << pytorchSnippet(s) << "\nimport json\njson.dump([o.flatten().tolist() for o in outputs], open('"
            << dump.string() << "', 'w'))\n";
    }
    REQUIRE(std::system(("/usr/bin/python3 " + script.string() + " >/dev/null").c_str()) == 0);
    std::ifstream in(dump);
    const nlohmann::json theirs = nlohmann::json::parse(in);
    REQUIRE(theirs.size() == ours->size());
    for (std::size_t layer = 0; layer < ours->size(); ++layer) {
        const std::vector<float>& mine = (*ours)[layer].values.data;
        REQUIRE(theirs[layer].size() == mine.size());
        for (std::size_t i = 0; i < mine.size(); ++i) {
            INFO("layer " << layer + 1 << ", value " << i);
            CHECK(theirs[layer][i].get<double>() == Approx(mine[i]).margin(1e-5));
        }
    }
}

TEST_CASE("autosave settles while the animation plays: the moving step alone is no change", "[gui][autosave]") {
    iotest::TempDir dir;
    Autosave saver(dir / "session.json", 1.0);
    State s = editedState();
    for (int frame = 0; frame < 120; ++frame) {  // two seconds at 60 frames per second
        s.playback.step = frame % 40;
        saver.tick(s, frame / 60.0);
    }
    CHECK(std::filesystem::exists(dir / "session.json"));
}

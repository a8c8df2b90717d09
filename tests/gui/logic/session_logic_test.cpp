// Sessions from the app's side: state ↔ file, autosave, and what happens to a broken file.
#include <catch2/catch.hpp>
#include <fstream>

#include "../../io/temp_dir.hpp"
#include "logic/autosave.hpp"
#include "logic/pytorch_snippet.hpp"
#include "logic/session_bridge.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

State editedState() {
    State s = defaultState();
    s.compute.input.at(0, 2, 3) = 42.0f;
    s.compute.stage().conv.strideH = 2;
    s.compute.stage().conv.mode = core::PaddingMode::Replicate;
    s.compute.stage().pool.mode = core::PoolMode::Avg;
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

TEST_CASE("the PyTorch snippet states the current setup", "[gui][pytorch]") {
    State s = editedState();
    std::string py = pytorchSnippet(s);
    CHECK(py.find("reshape(1, 1, 7, 7)") != std::string::npos);
    CHECK(py.find("42") != std::string::npos);
    CHECK(py.find("padding_mode='replicate'") != std::string::npos);  // nn.Conv2d for non-zero padding
    CHECK(py.find("stride=(2, 1)") != std::string::npos);
    CHECK(py.find("F.avg_pool2d(y, (2, 2), stride=(2, 2), padding=(0, 0), ceil_mode=False, count_include_pad=True)") !=
          std::string::npos);
    s.compute.stage().conv.mode = core::PaddingMode::Zeros;
    s.compute.stage().poolEnabled = false;
    py = pytorchSnippet(s);
    CHECK(py.find("F.conv2d(x, w, b, stride=(2, 1), padding=(1, 1), dilation=(1, 1))") != std::string::npos);
    CHECK(py.find("pool") == std::string::npos);
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

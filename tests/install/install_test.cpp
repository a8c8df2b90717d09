// Installed like any desktop app: `cmake --install` into a fresh prefix puts the programs, the
// lessons, the samples and the desktop files where a desktop looks for them, and the
// installed programs work from there — reading the installed files, not the source tree.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "convscope/io/array.hpp"
#include "convscope/io/lesson.hpp"
#include "convscope/io/session.hpp"
#include "io/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace convscope;

namespace {

struct Run {
    int status = -1;  // exit status, or -1 when the process died from a signal
    std::string out;
    std::string err;
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs `args` (each quoted) with stdout and stderr captured to files in `dir`.
Run run(const fs::path& dir, const std::vector<std::string>& args) {
    std::string cmd;
    for (const std::string& a : args) cmd += (cmd.empty() ? "" : " ") + quote(a);
    const fs::path out = dir / ".stdout", err = dir / ".stderr";
    cmd += " >" + quote(out.string()) + " 2>" + quote(err.string());
    const int raw = std::system(cmd.c_str());
    Run r;
    if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
    r.out = iotest::readBytes(out);
    r.err = iotest::readBytes(err);
    fs::remove(out);
    fs::remove(err);
    return r;
}

std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> n;
    for (const auto& e : fs::directory_iterator(dir)) n.insert(e.path().filename().string());
    return n;
}

// One install per test run, shared by the cases below; removed at exit.
struct Installed {
    iotest::TempDir root;
    fs::path prefix = root / "prefix";
    fs::path bin = prefix / CONVSCOPE_INSTALL_BINDIR;
    fs::path share = prefix / CONVSCOPE_INSTALL_DATAROOT;
    fs::path data = prefix / CONVSCOPE_INSTALL_DATADIR;
    Run install;
    Installed() {
        install = run(root.path(), {CONVSCOPE_CMAKE, "--install", CONVSCOPE_BUILD_DIR, "--prefix", prefix.string()});
    }
};

const Installed& installed() {
    static Installed once;
    INFO(once.install.out << once.install.err);
    REQUIRE(once.install.status == 0);
    return once;
}

}  // namespace

TEST_CASE("cmake --install puts the programs, lessons, samples and desktop files under the prefix", "[install]") {
    const Installed& p = installed();
    CHECK(fs::is_regular_file(p.bin / "convscope"));
    CHECK(fs::is_regular_file(p.bin / "convscope-cli"));
    // Every lesson and sample the source tree has, and nothing else in the data folder.
    const fs::path source = CONVSCOPE_SOURCE_ASSETS;
    CHECK(names(p.data) == std::set<std::string>{"lessons", "samples"});
    CHECK(names(p.data / "lessons") == names(source / "lessons"));
    CHECK(names(p.data / "samples") == names(source / "samples"));
    const std::string id = CONVSCOPE_APP_ID;
    CHECK(fs::is_regular_file(p.share / "applications" / (id + ".desktop")));
    CHECK(fs::is_regular_file(p.share / "metainfo" / (id + ".metainfo.xml")));
    CHECK(fs::is_regular_file(p.share / "mime/packages/convscope.xml"));
    CHECK(fs::is_regular_file(p.share / "icons/hicolor/scalable/apps/convscope.svg"));
}

TEST_CASE("the PNG icons are rendered at their sizes from the project's SVG", "[install]") {
    const Installed& p = installed();
    std::istringstream sizes(CONVSCOPE_ICON_SIZES);
    std::string size;
    int count = 0;
    while (std::getline(sizes, size, ',')) {
        const fs::path png = p.share / "icons/hicolor" / (size + "x" + size) / "apps/convscope.png";
        INFO(png);
        auto icon = io::readArray(png);
        REQUIRE(icon.ok());
        REQUIRE(icon->shape.size() == 3);  // colour: (C,H,W)
        CHECK(icon->shape[1] == std::stoi(size));
        CHECK(icon->shape[2] == std::stoi(size));
        ++count;
    }
    CHECK(count >= 5);  // 16 … 256; none means rsvg-convert was missing at build time
}

TEST_CASE("the desktop entry, the AppStream file and the MIME type are valid and agree", "[install]") {
    const Installed& p = installed();
    const std::string id = CONVSCOPE_APP_ID;
    const fs::path desktop = p.share / "applications" / (id + ".desktop");
    const std::string entry = iotest::readBytes(desktop);
    CHECK(entry.find("\nExec=convscope %f\n") != std::string::npos);
    CHECK(entry.find("\nIcon=convscope\n") != std::string::npos);
    // "Open with convscope" for pictures and for sessions.
    CHECK(entry.find("image/png;") != std::string::npos);
    CHECK(entry.find("image/jpeg;") != std::string::npos);
    CHECK(entry.find("application/x-convscope-session;") != std::string::npos);

    const fs::path tmp = p.root.path();
    REQUIRE(std::string(DESKTOP_FILE_VALIDATE) != "");
    const Run d = run(tmp, {DESKTOP_FILE_VALIDATE, desktop.string()});
    INFO(d.out << d.err);
    CHECK(d.status == 0);
    REQUIRE(std::string(APPSTREAMCLI) != "");
    const Run a =
        run(tmp, {APPSTREAMCLI, "validate", "--no-net", (p.share / "metainfo" / (id + ".metainfo.xml")).string()});
    INFO(a.out << a.err);
    CHECK(a.status == 0);

    // The shared-mime-info database built from the installed package file maps the glob.
    REQUIRE(std::string(UPDATE_MIME_DATABASE) != "");
    const fs::path mime = tmp / "mime";
    fs::create_directories(mime / "packages");
    fs::copy_file(p.share / "mime/packages/convscope.xml", mime / "packages/convscope.xml");
    const Run u = run(tmp, {UPDATE_MIME_DATABASE, mime.string()});
    INFO(u.out << u.err);
    REQUIRE(u.status == 0);
    const std::string globs = iotest::readBytes(mime / "globs2");
    CHECK(globs.find(":application/x-convscope-session:*.convscope.json") != std::string::npos);
    CHECK(iotest::readBytes(mime / "subclasses").find("application/x-convscope-session application/json") !=
          std::string::npos);
}

TEST_CASE("the installed CLI computes on a shipped sample", "[install]") {
    const Installed& p = installed();
    const fs::path tmp = p.root.path();
    const fs::path cli = p.bin / "convscope-cli";
    const Run demo = run(tmp, {cli.string(), "demo"});
    INFO(demo.err);
    CHECK(demo.status == 0);
    CHECK(demo.out.find("floor(") != std::string::npos);  // the worked output-size formula

    iotest::writeBytes(tmp / "edge.csv", "-1,0,1\n-2,0,2\n-1,0,1\n");
    const fs::path sample = p.data / "samples/digit-7.png";
    const Run conv = run(tmp, {cli.string(), "conv", "--input", sample.string(), "--kernel",
                               (tmp / "edge.csv").string(), "--padding", "1", "--output", (tmp / "out.npy").string()});
    INFO(conv.err);
    REQUIRE(conv.status == 0);
    auto in = io::readArray(sample);
    auto out = io::readArray(tmp / "out.npy");
    REQUIRE(in.ok());
    REQUIRE(out.ok());
    // Padding 1 with a 3×3 kernel keeps the picture's height and width.
    CHECK(out->shape[out->shape.size() - 1] == in->shape[in->shape.size() - 1]);
    CHECK(out->shape[out->shape.size() - 2] == in->shape[in->shape.size() - 2]);
}

TEST_CASE("the installed app reads its lessons from the installed data folder", "[install]") {
    const Installed& p = installed();
    const fs::path tmp = p.root.path();
    const std::size_t lessons = names(fs::path(CONVSCOPE_SOURCE_ASSETS) / "lessons").size();
    const Run v = run(tmp, {(p.bin / "convscope").string(), "--version"});
    INFO(v.out << v.err);
    CHECK(v.status == 0);
    CHECK(v.out.find("assets: " + p.data.string() + " (" + std::to_string(lessons) + " lessons)") != std::string::npos);

    // A lesson's picture is found relative to the lesson file: the installed layout keeps it.
    std::vector<core::Error> problems;
    const auto loaded = io::loadLessons(p.data / "lessons", problems);
    CHECK(problems.empty());
    CHECK(loaded.size() == lessons);
    int pictures = 0;
    for (const io::Lesson& lesson : loaded)
        for (const io::LessonStep& step : lesson.steps)
            if (step.scene.image) {
                INFO(lesson.file << ": " << step.scene.image->path);
                CHECK(io::loadImageInput(*step.scene.image).ok());
                ++pictures;
            }
    CHECK(pictures > 0);

    // The same program copied where no data folder is beside it finds no lessons — it does
    // not fall back to the source tree it was built from — and says where it looked.
    const fs::path lonely = tmp / "lonely" / CONVSCOPE_INSTALL_BINDIR;
    fs::create_directories(lonely);
    fs::copy_file(p.bin / "convscope", lonely / "convscope");
    const Run l = run(tmp, {(lonely / "convscope").string(), "--version"});
    INFO(l.out << l.err);
    CHECK(l.status == 1);
    const fs::path expected = tmp / "lonely" / CONVSCOPE_INSTALL_DATADIR;
    CHECK(l.out.find("assets: " + expected.string() + " (0 lessons)") != std::string::npos);
    CHECK(l.err.find((expected / "lessons").string()) != std::string::npos);
}

TEST_CASE("the installed app renders a shipped picture, and a session given as its one file", "[install][screenshot]") {
    const Installed& p = installed();
    const fs::path tmp = p.root.path();
    const fs::path app = p.bin / "convscope";
    auto shot = [&](const std::string& name, std::vector<std::string> extra) {
        std::vector<std::string> args{app.string(), "--screenshot", (tmp / name).string(), "--frames", "3"};
        args.insert(args.end(), extra.begin(), extra.end());
        const Run r = run(tmp, args);
        INFO(r.out << r.err);
        REQUIRE(r.status == 0);  // a file named on the command line that cannot be opened exits 1
        auto a = io::readArray(tmp / name);
        REQUIRE(a.ok());
        REQUIRE(a->shape == std::vector<std::int64_t>{3, 800, 1280});
        return a->data;
    };
    auto changed = [](const std::vector<float>& a, const std::vector<float>& b) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < a.size(); ++i) n += std::abs(a[i] - b[i]) > 0.1f;
        return n;
    };
    const std::vector<float> scene = shot("default.png", {});
    // The picture replaced the default input: the views differ in many pixels.
    const std::vector<float> digit = shot("digit.png", {(p.data / "samples/digit-7.png").string()});
    CHECK(changed(scene, digit) > 5000);
    // "Open with convscope" on a session file passes it like a picture: it opens as a session
    // (read as a picture, a .json file would fail and the run exit 1).
    iotest::writeBytes(tmp / "ones.convscope.json", R"({"format": "convscope-session", "version": 2,
        "input": {"grid": {"shape": [1, 5, 5], "values": [1,1,1,1,1, 1,1,1,1,1, 1,1,1,1,1, 1,1,1,1,1, 1,1,1,1,1]}},
        "kernel": {"shape": [1, 1, 3, 3], "values": [1, 1, 1, 1, 1, 1, 1, 1, 1]}, "bias": [],
        "conv": {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "padding_mode": "zeros"},
        "activation": {"kind": "none", "negative_slope": 0.01},
        "pool": {"enabled": false, "mode": "max", "window": [2, 2], "stride": [2, 2], "padding": [0, 0],
                 "dilation": [1, 1], "ceil_mode": false, "count_include_pad": true}})");
    const std::vector<float> session = shot("session.png", {(tmp / "ones.convscope.json").string()});
    CHECK(changed(scene, session) > 5000);
}

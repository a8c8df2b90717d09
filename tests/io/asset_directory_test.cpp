// Where the programs read their lessons and samples: beside an installed program, the
// source tree only for a run from the build tree. The test binary runs from the build
// tree's bin folder, so it plays both roles by what it passes as that folder.
#include <catch2/catch.hpp>
#include <filesystem>

#include "convscope/io/files.hpp"
#include "io/temp_dir.hpp"

using namespace convscope::io;
namespace fs = std::filesystem;
using iotest::TempDir;

namespace {
const fs::path kSource = "/nonexistent/source/assets";
}

TEST_CASE("executablePath is this test program", "[files][assets]") {
    const fs::path exe = executablePath();
    REQUIRE(exe.is_absolute());
    CHECK(exe.filename() == "io_tests");
    CHECK(fs::is_regular_file(exe));
}

TEST_CASE("a data folder beside the program wins over the source tree", "[files][assets]") {
    TempDir share;  // stands for <prefix>/share/convscope
    const fs::path exeDir = executablePath().parent_path();
    const fs::path relative = fs::relative(share.path(), exeDir);
    REQUIRE(relative.is_relative());
    // Even from the build tree: an installed layout found beside the program is the truth.
    const fs::path found = assetDirectory({relative, exeDir, kSource});
    CHECK(fs::equivalent(found, share.path()));
    CHECK(found == found.lexically_normal());
}

TEST_CASE("only a program run from the build tree falls back to the source tree", "[files][assets]") {
    TempDir elsewhere;
    const fs::path exeDir = executablePath().parent_path();
    const fs::path missing = "../share/convscope-not-installed";
    CHECK(assetDirectory({missing, exeDir, kSource}) == kSource);
    // Installed somewhere else, with the data folder missing: the expected folder, never
    // the source tree — so the error names the place the files should be.
    const fs::path expected = (exeDir / missing).lexically_normal();
    CHECK(assetDirectory({missing, elsewhere.path(), kSource}) == expected);
}

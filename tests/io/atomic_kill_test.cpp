// No loss: a writer killed at any moment never damages the file it was replacing. A child
// process rewrites one file again and again, alternating two large contents; the parent
// kills it (SIGKILL, no chance to clean up) at varying moments and checks the file.
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>
#include <csignal>

#include "convscope/io/files.hpp"
#include "temp_dir.hpp"

using namespace convscope;

TEST_CASE("killing a writer mid-write leaves the old or the new file, whole", "[io][atomic]") {
    iotest::TempDir dir;
    const auto file = dir / "session.json";
    const std::string a(3 << 20, 'a');  // large enough that a write takes a while
    const std::string b(2 << 20, 'b');
    REQUIRE(io::writeFileAtomic(file, a).ok());
    for (int round = 0; round < 12; ++round) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            for (int i = 0;; ++i) (void)io::writeFileAtomic(file, i % 2 ? a : b);
        }
        ::usleep(static_cast<useconds_t>(2000 + round * 3000));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        const std::string now = iotest::readBytes(file);
        INFO("round " << round << ": " << now.size() << " bytes");
        CHECK((now == a || now == b));
    }
}

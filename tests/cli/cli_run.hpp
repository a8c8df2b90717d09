#pragma once
// Running convscope-cli as a user does: the real binary, arguments quoted for the shell,
// the exit status, stdout and stderr.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/temp_dir.hpp"

namespace clitest {

struct Run {
    int status = -1;  // exit status, or -1 when the process died from a signal (a crash)
    std::string out;
    std::string err;
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// Runs the CLI with `args` (each quoted), stdout and stderr captured to files in `dir`.
inline Run cli(const iotest::TempDir& dir, const std::vector<std::string>& args) {
    std::string cmd = quote(CONVSCOPE_CLI_PATH);
    for (const std::string& a : args) cmd += " " + quote(a);
    const std::filesystem::path out = dir / ".stdout";
    const std::filesystem::path err = dir / ".stderr";
    cmd += " >" + quote(out.string()) + " 2>" + quote(err.string());
    const int raw = std::system(cmd.c_str());
    Run r;
    if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
    r.out = iotest::readBytes(out);
    r.err = iotest::readBytes(err);
    std::filesystem::remove(out);
    std::filesystem::remove(err);
    return r;
}

}  // namespace clitest

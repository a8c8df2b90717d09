#pragma once
// .npy files for the CLI tests: arrays written as convscope-cli reads them (float32), and the
// CLI's outputs read back.
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <utility>
#include <vector>

#include "convscope/io/npy.hpp"
#include "io/temp_dir.hpp"

namespace clitest {

inline convscope::io::Array array(std::vector<std::int64_t> shape, std::vector<float> data) {
    convscope::io::Array a;
    a.shape = std::move(shape);
    a.data = std::move(data);
    return a;
}

inline void writeNpy(const std::filesystem::path& path, const convscope::io::Array& a) {
    iotest::writeBytes(path, convscope::io::encodeNpyFloat32(a));
}

inline void writeNpy(const std::filesystem::path& path, std::vector<std::int64_t> shape, std::vector<float> data) {
    writeNpy(path, array(std::move(shape), std::move(data)));
}

inline convscope::io::Array readNpy(const std::filesystem::path& path) {
    auto a = convscope::io::parseNpy(iotest::readBytes(path));
    REQUIRE(a.ok());
    return *a;
}

}  // namespace clitest

// .npz and safetensors: the fixtures numpy and a hand-written safetensors file hold (made by
// tests/golden/make_model_fixtures.py) list and load as written, channels-last kernels convert
// only when asked, and hostile files are refused with the error that names their fault.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "convscope/io/files.hpp"
#include "convscope/io/model.hpp"
#include "convscope/io/npz.hpp"
#include "convscope/io/safetensors.hpp"
#include "model_fixtures.hpp"

using namespace convscope;
using namespace convscope::io;

namespace {

std::string fixture(const std::string& name) {
    auto bytes = readFile(kModels / name, kMaxFileBytes);
    REQUIRE(bytes);
    return *bytes;
}

std::vector<float> load(const std::vector<StoredTensor>& tensors, const std::string& name) {
    auto t = findTensor(tensors, name);
    REQUIRE(t);
    auto a = loadAsFloat(**t);
    REQUIRE(a);
    return a->data;
}

std::string le64(std::uint64_t v) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[static_cast<std::size_t>(i)] = static_cast<char>((v >> (8 * i)) & 0xff);
    return s;
}

std::string safetensors(const std::string& header, const std::string& data) {
    return le64(header.size()) + header + data;
}

std::string floats(std::initializer_list<float> values) {
    std::string s(values.size() * 4, '\0');
    std::memcpy(s.data(), values.begin(), s.size());
    return s;
}

}  // namespace

TEST_CASE("numpy.savez and savez_compressed archives list every array with numpy's shape and dtype", "[npz]") {
    const nlohmann::json expected = modelCases()["tensors"]["npz"];
    for (const char* file : {"weights.npz", "weights_compressed.npz"}) {
        INFO(file);
        auto tensors = parseNpz(fixture(file));
        REQUIRE(tensors);
        REQUIRE(tensors->size() == expected.size());
        for (const StoredTensor& t : *tensors) {
            INFO(t.name);
            REQUIRE(expected.contains(t.name));
            CHECK(t.shape == expected[t.name]["shape"].get<std::vector<std::int64_t>>());
            CHECK(t.dtype == expected[t.name]["dtype"].get<std::string>());
        }
    }
}

TEST_CASE("npz arrays load as float32: float64, int8, float16 and bool converted exactly", "[npz]") {
    auto tensors = parseNpz(fixture("weights_compressed.npz"));
    REQUIRE(tensors);
    CHECK(load(*tensors, "conv1.bias") == std::vector<float>{0.0f, 0.125f, 0.25f, 0.375f});
    CHECK(load(*tensors, "steps") == std::vector<float>{-3.0f, 0.0f, 7.0f});
    // 6.1e-05 is below float16's smallest normal (2^-14): numpy stores the subnormal 1023·2^-24.
    CHECK(load(*tensors, "half") == std::vector<float>{0.5f, -2.0f, 65504.0f, std::ldexp(1023.0f, -24)});
    CHECK(load(*tensors, "mask") == std::vector<float>{1.0f, 0.0f, 1.0f});
    auto complex = findTensor(*tensors, "complex");
    REQUIRE(complex);
    auto refused = loadAsFloat(**complex);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().id == "tensor_unsupported_dtype");
    CHECK(refused.error().message.find("<c8") != std::string::npos);
}

TEST_CASE("a TensorFlow HWIO kernel becomes PyTorch's OIHW only through the explicit conversion", "[npz][layout]") {
    auto tensors = parseNpz(fixture("weights.npz"));
    REQUIRE(tensors);
    auto hwio = findTensor(*tensors, "tf_kernel_hwio");
    REQUIRE(hwio);
    auto array = loadAsFloat(**hwio);
    REQUIRE(array);
    CHECK(array->shape == std::vector<std::int64_t>{3, 3, 3, 4});  // loading alone keeps the file's order
    const Array oihw = kernelToChannelsFirst(*array);
    CHECK(oihw.shape == std::vector<std::int64_t>{4, 3, 3, 3});
    CHECK(oihw.data == load(*tensors, "conv1.weight"));  // numpy made the HWIO copy by transposing it
}

TEST_CASE("a channels-last input (H,W,C) becomes (C,H,W) with each value where it belongs", "[layout]") {
    Array hwc{{2, 3, 2}, {}};
    for (int i = 0; i < 12; ++i) hwc.data.push_back(static_cast<float>(i));  // value = (h·3 + w)·2 + c
    const Array chw = inputToChannelsFirst(hwc);
    REQUIRE(chw.shape == std::vector<std::int64_t>{2, 2, 3});
    for (int c = 0; c < 2; ++c)
        for (int h = 0; h < 2; ++h)
            for (int w = 0; w < 3; ++w)
                CHECK(chw.data[static_cast<std::size_t>((c * 2 + h) * 3 + w)] ==
                      static_cast<float>((h * 3 + w) * 2 + c));
}

TEST_CASE("safetensors lists its tensors in header order and loads F32, F16, BF16 and I64", "[safetensors]") {
    auto tensors = parseSafetensors(fixture("weights.safetensors"));
    REQUIRE(tensors);
    const nlohmann::json expected = modelCases()["tensors"]["safetensors"];
    std::vector<std::string> names;
    for (const StoredTensor& t : *tensors) {
        names.push_back(t.name);
        CHECK(t.shape == expected[t.name]["shape"].get<std::vector<std::int64_t>>());
        CHECK(t.dtype == expected[t.name]["dtype"].get<std::string>());
    }
    CHECK(names == std::vector<std::string>{"conv1.weight", "half", "brain", "index", "fp8"});
    CHECK(load(*tensors, "half") == std::vector<float>{0.5f, -2.0f, 65504.0f, std::ldexp(1023.0f, -24)});
    CHECK(load(*tensors, "brain") == std::vector<float>{1.5f, -0.25f, std::ldexp(1.0f, 100)});
    CHECK(load(*tensors, "index") == std::vector<float>{5.0f, -9.0f});
    auto npz = parseNpz(fixture("weights.npz"));
    REQUIRE(npz);
    CHECK(load(*tensors, "conv1.weight") == load(*npz, "conv1.weight"));  // two writers, one kernel
    auto fp8 = findTensor(*tensors, "fp8");
    REQUIRE(fp8);
    CHECK_FALSE(loadAsFloat(**fp8));
}

TEST_CASE("a missing tensor's error lists the names there are", "[safetensors]") {
    auto tensors = parseSafetensors(fixture("weights.safetensors"));
    REQUIRE(tensors);
    auto missing = findTensor(*tensors, "conv2.weight");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().id == "tensor_not_found");
    CHECK(missing.error().message.find("conv1.weight, half, brain") != std::string::npos);
}

TEST_CASE("hostile safetensors files are refused with the fault named", "[safetensors][hostile]") {
    const auto id = [](const std::string& bytes) {
        auto r = parseSafetensors(bytes);
        return r ? std::string("accepted") : r.error().id;
    };
    const std::string good = R"({"k":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})";
    REQUIRE(id(safetensors(good, floats({1, 2}))) == "accepted");
    CHECK(id("\x10\0\0") == "safetensors_truncated");
    CHECK(id(safetensors(good, floats({1, 2})).substr(0, 20)) == "safetensors_truncated");
    CHECK(id(le64(std::uint64_t{1} << 40) + "{}") == "safetensors_header_too_large");
    CHECK(id(safetensors("[1, 2]", "")) == "safetensors_not_json");
    CHECK(id(safetensors("{\"k\": ", "")) == "safetensors_not_json");
    CHECK(id(safetensors(good, floats({1}))) == "safetensors_offsets_outside");  // data cut short
    CHECK(id(safetensors(R"({"k":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", floats({1, 2}))) ==
          "tensor_size_mismatch");
    CHECK(id(safetensors(R"({"k":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", floats({1, 2}))) ==
          "safetensors_offsets_outside");
    CHECK(id(safetensors(R"({"k":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", floats({1, 2}))) ==
          "safetensors_bad_entry");
    CHECK(id(safetensors(R"({"k":{"dtype":"F32","shape":[65536,65536],"data_offsets":[0,8]}})", floats({1, 2}))) ==
          "tensor_too_large");
    CHECK(id(safetensors(R"({"k":{"shape":[2],"data_offsets":[0,8]}})", floats({1, 2}))) == "safetensors_bad_entry");
}

TEST_CASE("hostile .npz files are refused with the fault named", "[npz][hostile]") {
    const auto id = [](const std::string& bytes) {
        auto r = parseNpz(bytes);
        return r ? std::string("accepted") : r.error().id;
    };
    const std::string stored = fixture("weights.npz");
    REQUIRE(id(stored) == "accepted");
    CHECK(id(stored.substr(0, stored.size() / 2)) == "npz_no_directory");  // truncated: the directory is gone
    CHECK(id("") == "npz_no_directory");
    // The last data byte before the central directory belongs to the last array: its CRC fails.
    std::string flipped = stored;
    const std::size_t directory = flipped.find("PK\x01\x02");
    REQUIRE(directory != std::string::npos);
    flipped[directory - 1] = static_cast<char>(flipped[directory - 1] ^ 0x40);
    CHECK(id(flipped) == "npz_entry_crc");
    // A damaged deflate stream does not inflate to the size the directory states (or fails its CRC).
    std::string compressed = fixture("weights_compressed.npz");
    const std::size_t firstData = 30 + std::string("conv1.weight.npy").size();
    for (std::size_t i = firstData + 20; i < firstData + 60; ++i) compressed[i] = '\xff';
    const std::string damaged = id(compressed);
    CHECK((damaged == "npz_entry_corrupt" || damaged == "npz_entry_crc"));
    for (const char* file : {"hostile_size.npz", "hostile_huge.npz", "hostile_not_npy.npz"}) {
        INFO(file);
        CHECK(id(fixture(file)) == (std::string(file) == "hostile_size.npz"   ? "tensor_size_mismatch"
                                    : std::string(file) == "hostile_huge.npz" ? "tensor_too_large"
                                                                              : "npz_entry_not_npy"));
    }
}

TEST_CASE("readModel picks the reader by extension and names the file in its errors", "[model]") {
    auto npz = readModel(kModels / "weights.npz");
    REQUIRE(npz);
    CHECK(npz->format == ModelFormat::Npz);
    CHECK(npz->nodes.empty());
    auto unknown = readModel(kModels / "cases.json");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().id == "model_unknown_extension");
    auto hostile = readModel(kModels / "hostile_size.npz");
    REQUIRE_FALSE(hostile);
    CHECK(hostile.error().id == "in_file");
    CHECK(hostile.error().message.find("hostile_size.npz") != std::string::npos);
}

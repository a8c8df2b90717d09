// ONNX: models exported by torch.onnx.export (opsets 9, 11, 13, 17) and hand-built graphs
// (asymmetric pads, auto_pad) list their nodes with shapes, map to layers with every argument,
// and — run as a stack — compute what PyTorch computed (tests/golden/make_model_fixtures.py).
// Hostile graphs are built here with the protobuf classes of libonnx-dev.
#include <onnx/onnx_pb.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "convscope/core/stack.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/model.hpp"
#include "convscope/io/npy.hpp"
#include "io/temp_dir.hpp"
#include "model_fixtures.hpp"

using namespace convscope;
using namespace convscope::io;

namespace {

Model model(const std::string& file) {
    auto m = readModel(kModels / file);
    REQUIRE(m);
    return std::move(*m);
}

Array npy(const std::string& file) {
    auto a = readArray(kModels / file);
    REQUIRE(a);
    return *a;
}

// A graph of `nodes` reading "x" (1, 1, 4, 4) with one 1×1×3×3 float initializer "w".
onnx::ModelProto smallModel() {
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    onnx::GraphProto* g = m.mutable_graph();
    auto* x = g->add_input();
    x->set_name("x");
    auto* shape = x->mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int d : {1, 1, 4, 4}) shape->add_dim()->set_dim_value(d);
    x->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    onnx::TensorProto* w = g->add_initializer();
    w->set_name("w");
    w->set_data_type(onnx::TensorProto::FLOAT);
    for (int d : {1, 1, 3, 3}) w->add_dims(d);
    for (int i = 0; i < 9; ++i) w->add_float_data(static_cast<float>(i));
    return m;
}

onnx::NodeProto* addNode(onnx::ModelProto& m, const std::string& op, std::vector<std::string> in,
                         std::vector<std::string> out, const std::string& name) {
    onnx::NodeProto* n = m.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : in) n->add_input(i);
    for (const auto& o : out) n->add_output(o);
    return n;
}

std::string bytesOf(const onnx::ModelProto& m) {
    std::string s;
    REQUIRE(m.SerializeToString(&s));
    return s;
}

std::string errorId(const std::string& bytes, const std::filesystem::path& folder = {}) {
    auto r = parseModel(bytes, ModelFormat::Onnx, folder);
    return r ? std::string("accepted") : r.error().id;
}

}  // namespace

TEST_CASE("each exported model's chain computes what PyTorch computed, layer by layer", "[onnx][golden]") {
    const nlohmann::json all = modelCases();  // kept alive: a range-for over a temporary's member dangles
    for (const auto& c : all["onnx"]) {
        INFO(c["model"].get<std::string>()
             << " opset " << c["opset"].get<int>() << " nodes " << c["nodes"].get<std::string>());
        const Model m = model(c["model"]);
        auto range = parseNodeRange(c["nodes"]);
        REQUIRE(range);
        auto layers = nodeChain(m, *range);
        REQUIRE(layers);
        auto input = toTensor(npy(c["input"]), "input");
        REQUIRE(input);
        auto outputs = core::runStack(*input, *layers);
        REQUIRE(outputs);
        REQUIRE(outputs->size() == c["outputs"].size());
        for (std::size_t i = 0; i < outputs->size(); ++i) {
            INFO("layer " << i + 1);
            const Array expected = npy(c["outputs"][i]);
            const core::Tensor& got = (*outputs)[i].values;
            REQUIRE(std::vector<std::int64_t>{got.channels, got.height, got.width} == expected.shape);
            for (std::size_t k = 0; k < got.data.size(); ++k)
                REQUIRE(got.data[k] == Approx(expected.data[k]).margin(1e-5).epsilon(1e-5));
        }
    }
}

TEST_CASE("node arguments come across as ONNX states them", "[onnx]") {
    const Model op11 = model("cnn_op11.onnx");
    REQUIRE(op11.nodes.size() == 6);
    const auto& pool = std::get<core::MaxPool2d>(*op11.nodes[2].layer);
    CHECK(pool.ceilMode);
    CHECK(pool.kernel == core::Hw{2, 2});
    CHECK(pool.stride == core::Hw{2, 2});
    const auto& grouped = std::get<core::Conv2d>(*op11.nodes[3].layer);
    CHECK(grouped.groups == 2);
    CHECK(grouped.dilation == core::Hw{1, 2});
    CHECK(grouped.padding == core::PaddingSpec{core::PaddingSpec::Kind::Explicit, 1, 2});
    CHECK(std::get<core::Activation>(*op11.nodes[4].layer).negativeSlope == Approx(0.2f));
    const auto& avg = std::get<core::AvgPool2d>(*op11.nodes[5].layer);
    CHECK_FALSE(avg.countIncludePad);
    CHECK(avg.padding == core::Hw{1, 1});
    CHECK(op11.nodes[2].outputShape == std::vector<std::int64_t>{1, 4, 5, 6});  // ceil(9/2) × ceil(11/2)

    // ONNX pads are [top, left, bottom, right]: [0, 1, 2, 1] stays per side, not evened out.
    const Model pads = model("pads_handmade.onnx");
    const auto& asymmetric = std::get<core::Conv2d>(*pads.nodes[0].layer);
    CHECK(asymmetric.padding == core::PaddingSpec::perSide({0, 2, 1, 1}));
    nlohmann::json expected;
    const nlohmann::json all = modelCases();
    for (const auto& c : all["onnx"])
        if (c["model"] == "pads_handmade.onnx") expected = c["pads"];
    REQUIRE(expected.is_object());
    for (const auto& [node, name] : {std::pair{1, "conv_same_upper"}, std::pair{2, "conv_same_lower"}}) {
        INFO(name);
        const auto& conv = std::get<core::Conv2d>(*pads.nodes[static_cast<std::size_t>(node)].layer);
        const auto p = expected[name].get<std::vector<int>>();  // top, bottom, left, right
        const core::Padding2D sides{p[0], p[1], p[2], p[3]};
        if (sides.top == sides.bottom && sides.left == sides.right)
            CHECK(conv.padding == core::PaddingSpec{core::PaddingSpec::Kind::Explicit, sides.top, sides.left});
        else
            CHECK(conv.padding == core::PaddingSpec::perSide(sides));
    }
}

TEST_CASE("a ConvTranspose comes across with its pads, output_padding, dilation and groups", "[onnx]") {
    const Model m = model("convt_op13.onnx");
    REQUIRE(m.nodes.size() == 4);
    const auto& up = std::get<core::ConvTranspose2d>(*m.nodes[2].layer);
    CHECK(up.stride == core::Hw{2, 2});
    CHECK(up.padding == core::Hw{1, 1});
    CHECK(up.outputPadding == core::Hw{1, 1});
    CHECK(up.groups == 2);
    CHECK(up.bias.size() == 2);
    const auto& last = std::get<core::ConvTranspose2d>(*m.nodes[3].layer);
    CHECK(last.dilation == core::Hw{2, 1});
    CHECK(last.padding == core::Hw{2, 0});
    CHECK(last.bias.empty());
    // The autoencoder's round trip: 8×10 → 4×5 → 8×10.
    CHECK(m.nodes[2].outputShape == std::vector<std::int64_t>{1, 2, 8, 10});
}

TEST_CASE("a ConvTranspose convscope cannot state is refused with the reason", "[onnx][hostile]") {
    auto convT = [](auto&& setUp) {
        onnx::ModelProto m = smallModel();
        onnx::NodeProto* n = addNode(m, "ConvTranspose", {"x", "w"}, {"y"}, "up");
        setUp(*n);
        auto parsed = parseModel(bytesOf(m), ModelFormat::Onnx, {});
        REQUIRE(parsed);
        REQUIRE(parsed->nodes.size() == 1);
        return parsed->nodes[0];
    };
    auto ints = [](onnx::NodeProto& n, const char* name, std::vector<std::int64_t> values) {
        onnx::AttributeProto* a = n.add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (auto v : values) a->add_ints(v);
    };
    const ModelNode plain = convT([](onnx::NodeProto&) {});
    REQUIRE(plain.layer.has_value());
    CHECK(plain.outputShape == std::vector<std::int64_t>{1, 1, 6, 6});  // 4 − 1 + 3
    const ModelNode lopsided = convT([&](onnx::NodeProto& n) { ints(n, "pads", {1, 0, 0, 0}); });
    CHECK_FALSE(lopsided.layer.has_value());
    CHECK(lopsided.unsupported.id == "node_asymmetric_transposed_padding");
    const ModelNode sized = convT([&](onnx::NodeProto& n) { ints(n, "output_shape", {7, 7}); });
    CHECK_FALSE(sized.layer.has_value());
    CHECK(sized.unsupported.message.find("output_shape") != std::string::npos);
}

TEST_CASE("auto_pad SAME puts the odd cell at the end (upper) or the start (lower), for any stride", "[onnx]") {
    // H = 5, k = 2, s = 2: ceil(5/2) = 3 outputs need (3−1)·2 + 2 = 6 rows, one of padding.
    CHECK(core::sameAxisPadding(5, 2, 2, 1, true).before == 0);
    CHECK(core::sameAxisPadding(5, 2, 2, 1, true).after == 1);
    CHECK(core::sameAxisPadding(5, 2, 2, 1, false).before == 1);
    CHECK(core::sameAxisPadding(5, 2, 2, 1, false).after == 0);
    // H = 4, k = 3, s = 2, d = 2: 2 outputs need (2−1)·2 + 2·2 + 1 = 7 rows: 3 of padding.
    CHECK(core::sameAxisPadding(4, 3, 2, 2, true).before == 1);
    CHECK(core::sameAxisPadding(4, 3, 2, 2, true).after == 2);
    // A stride larger than the kernel can need none.
    CHECK(core::sameAxisPadding(6, 1, 3, 1, true).before + core::sameAxisPadding(6, 1, 3, 1, true).after == 0);
}

TEST_CASE("unsupported nodes are listed with the reason, and a range through one is refused naming it", "[onnx]") {
    const Model head = model("head_op17.onnx");
    REQUIRE(head.nodes.size() == 4);
    CHECK(head.nodes[0].layer.has_value());
    CHECK(head.nodes[1].op == "ConvTranspose");
    REQUIRE(head.nodes[1].layer.has_value());
    CHECK(core::isConvTranspose(*head.nodes[1].layer));
    CHECK(head.nodes[1].outputShape == std::vector<std::int64_t>{1, 1, 8, 8});  // (4 − 1)·2 + 2
    CHECK(head.nodes[2].unsupported.id == "node_no_layer_kind");
    CHECK(head.nodes[2].unsupported.message == "convscope has no Flatten layer");
    CHECK(head.nodes[3].op == "Gemm");
    CHECK(head.nodes[0].inputShape == std::vector<std::int64_t>{1, 1, 6, 6});

    const Model op9 = model("pool_op9.onnx");
    auto refused = nodeChain(op9, {1, 3});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().id == "model_node_unsupported");
    CHECK(refused.error().message.rfind("node 2 '/1/Pad' (Pad) is not supported", 0) == 0);
    auto outside = nodeChain(op9, {2, 9});
    REQUIRE_FALSE(outside);
    CHECK(outside.error().id == "model_nodes_range");
}

TEST_CASE("a range whose nodes do not feed one another is not a chain", "[onnx]") {
    onnx::ModelProto m = smallModel();
    addNode(m, "Relu", {"x"}, {"a"}, "first");
    addNode(m, "Relu", {"x"}, {"b"}, "second");  // reads the input again, not "a"
    auto parsed = parseModel(bytesOf(m), ModelFormat::Onnx, {});
    REQUIRE(parsed);
    auto chain = nodeChain(*parsed, {1, 2});
    REQUIRE_FALSE(chain);
    CHECK(chain.error().id == "model_not_chain");
}

TEST_CASE("a node range reads FIRST..LAST or one node", "[onnx]") {
    auto both = parseNodeRange("2..5");
    REQUIRE(both);
    CHECK((both->first == 2 && both->last == 5));
    auto one = parseNodeRange("3");
    REQUIRE(one);
    CHECK((one->first == 3 && one->last == 3));
    for (const char* bad : {"", "0..2", "3..2", "a..b", "1..", "..2", "1...3", "1-3", "-1..2"}) {
        INFO(bad);
        CHECK_FALSE(parseNodeRange(bad));
    }
}

TEST_CASE("nodes are put in graph order; a cycle or a value written twice is refused", "[onnx][hostile]") {
    onnx::ModelProto shuffled = smallModel();
    addNode(shuffled, "LeakyRelu", {"a"}, {"b"}, "second");
    addNode(shuffled, "Relu", {"x"}, {"a"}, "first");
    auto ordered = parseModel(bytesOf(shuffled), ModelFormat::Onnx, {});
    REQUIRE(ordered);
    CHECK(ordered->nodes[0].name == "first");
    CHECK(ordered->nodes[1].name == "second");
    CHECK(ordered->nodes[1].outputShape == std::vector<std::int64_t>{1, 1, 4, 4});  // inferred by planning

    onnx::ModelProto cycle = smallModel();
    addNode(cycle, "Relu", {"b"}, {"a"}, "one");
    addNode(cycle, "Relu", {"a"}, {"b"}, "two");
    CHECK(errorId(bytesOf(cycle)) == "onnx_cycle");
    onnx::ModelProto self = smallModel();
    addNode(self, "Add", {"x", "s"}, {"s"}, "self");
    CHECK(errorId(bytesOf(self)) == "onnx_cycle");

    onnx::ModelProto twice = smallModel();
    addNode(twice, "Relu", {"x"}, {"a"}, "one");
    addNode(twice, "Relu", {"x"}, {"a"}, "two");
    CHECK(errorId(bytesOf(twice)) == "onnx_value_twice");
}

TEST_CASE("hostile ONNX files are refused with the fault named", "[onnx][hostile]") {
    std::string exported;
    {
        auto bytes = readFile(kModels / "cnn_op11.onnx", kMaxFileBytes);
        REQUIRE(bytes);
        exported = *bytes;
    }
    REQUIRE(errorId(exported) == "accepted");
    CHECK(errorId(exported.substr(0, exported.size() / 2)) == "onnx_not_model");  // truncated
    CHECK(errorId("not a protobuf at all \xff\xff\xff") == "onnx_not_model");
    CHECK(errorId(bytesOf(onnx::ModelProto{})) == "onnx_no_graph");

    onnx::ModelProto wrongSize = smallModel();
    wrongSize.mutable_graph()->mutable_initializer(0)->add_float_data(9.0f);  // 10 values for 9
    CHECK(errorId(bytesOf(wrongSize)) == "tensor_size_mismatch");

    onnx::ModelProto rawSize = smallModel();
    auto* raw = rawSize.mutable_graph()->mutable_initializer(0);
    raw->clear_float_data();
    raw->set_raw_data(std::string(35, '\0'));  // 9 floats need 36 bytes
    CHECK(errorId(bytesOf(rawSize)) == "tensor_size_mismatch");

    onnx::ModelProto huge = smallModel();
    auto* big = huge.mutable_graph()->mutable_initializer(0);
    big->clear_dims();
    for (int d : {1 << 15, 1 << 15}) big->add_dims(d);  // 2^30 values: 4 GiB as float32
    CHECK(errorId(bytesOf(huge)) == "tensor_too_large");

    // An initializer of an unsupported type is listed; a conv that uses it says why it cannot run.
    onnx::ModelProto strings = smallModel();
    auto* text = strings.mutable_graph()->mutable_initializer(0);
    text->clear_float_data();
    text->set_data_type(onnx::TensorProto::STRING);
    for (int i = 0; i < 9; ++i) text->add_string_data("w");
    addNode(strings, "Conv", {"x", "w"}, {"y"}, "conv");
    auto parsed = parseModel(bytesOf(strings), ModelFormat::Onnx, {});
    REQUIRE(parsed);
    CHECK(parsed->nodes[0].unsupported.id == "node_bad_tensor");
    CHECK(parsed->nodes[0].unsupported.cause.at(0).id == "tensor_unsupported_dtype");
}

TEST_CASE("external data is read from the model's folder and never from outside it", "[onnx][hostile]") {
    iotest::TempDir dir;
    const auto modelFolder = dir.path() / "model";
    std::filesystem::create_directories(modelFolder / "data");
    const std::string weights(reinterpret_cast<const char*>(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9}.data()), 36);
    REQUIRE(writeFileAtomic(modelFolder / "data" / "w.bin", std::string(4, '\0') + weights));
    REQUIRE(writeFileAtomic(dir.path() / "secret.bin", weights));
    std::filesystem::create_symlink(dir.path() / "secret.bin", modelFolder / "link.bin");

    const auto external = [](const std::string& location, const std::string& offset) {
        onnx::ModelProto m = smallModel();
        auto* w = m.mutable_graph()->mutable_initializer(0);
        w->clear_float_data();
        w->set_data_location(onnx::TensorProto::EXTERNAL);
        auto* entry = w->add_external_data();
        entry->set_key("location");
        entry->set_value(location);
        auto* at = w->add_external_data();
        at->set_key("offset");
        at->set_value(offset);
        addNode(m, "Conv", {"x", "w"}, {"y"}, "conv");
        return bytesOf(m);
    };
    auto inside = parseModel(external("data/w.bin", "4"), ModelFormat::Onnx, modelFolder);
    REQUIRE(inside);
    CHECK(std::get<core::Conv2d>(*inside->nodes[0].layer).weights.data ==
          std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(errorId(external("../secret.bin", "0"), modelFolder) == "onnx_external_outside");
    CHECK(errorId(external((dir.path() / "secret.bin").string(), "0"), modelFolder) == "onnx_external_outside");
    CHECK(errorId(external("link.bin", "0"), modelFolder) == "onnx_external_outside");
    CHECK(errorId(external("data/w.bin", "8"), modelFolder) == "tensor_size_mismatch");  // 32 bytes left
    CHECK(errorId(external("data/w.bin", "41"), modelFolder) == "onnx_external_range");
    CHECK(errorId(external("data/w.bin", "4"), {}) == "onnx_external_unavailable");
}

// The Model tab's actions on the state: picked ONNX nodes become the stack with their
// arguments (a colour picture switched to RGB for a first layer reading 3 channels), a range
// through an unsupported node changes nothing, and an .npz kernel loads into the selected
// conv in the layout picked — the TensorFlow copy giving the same weights as the PyTorch one.
#include <catch2/catch.hpp>
#include <filesystem>

#include "logic/model_bridge.hpp"
#include "logic/state.hpp"

using namespace convscope;
using namespace convscope::gui;

namespace {

const std::string kModels = std::string(CONVSCOPE_ASSET_DIR) + "/../tests/golden/models/";

}  // namespace

TEST_CASE("picked ONNX nodes become the stack; a picture switches to colour for 3 input channels", "[model]") {
    State s = defaultState();
    s.image = io::SessionImage{};
    s.image->path = std::string(CONVSCOPE_ASSET_DIR) + "/samples/scene.png";
    s.image->channel = io::ImageChannel::Luminance;
    REQUIRE(openModel(kModels + "cnn_op11.onnx", s));
    REQUIRE(s.model);
    CHECK(s.view.modelTabRequested);
    CHECK((s.model->first == 1 && s.model->last == 1));
    s.model->last = 3;
    auto used = useModelNodes(s);
    REQUIRE(used);
    CHECK(*used);  // the picture must be loaded again
    CHECK(s.image->channel == io::ImageChannel::Rgb);
    REQUIRE(s.compute.layers.size() == 3);
    CHECK(std::get<core::Conv2d>(s.compute.layers[0]).weights.inChannels == 3);
    CHECK(std::get<core::MaxPool2d>(s.compute.layers[2]).ceilMode);
    CHECK(s.compute.selected == Selection{});
}

TEST_CASE("a range through an unsupported node leaves the stack as it was", "[model]") {
    State s = defaultState();
    const auto before = s.compute.layers;
    REQUIRE(openModel(kModels + "head_op17.onnx", s));
    s.model->first = 1;
    s.model->last = 3;  // node 3 is a Flatten
    auto used = useModelNodes(s);
    REQUIRE_FALSE(used);
    CHECK(used.error().id == "model_node_unsupported");
    CHECK(s.compute.layers == before);
    // Without a picture, the input takes the size the graph states.
    s.model->last = 1;
    REQUIRE(useModelNodes(s));
    CHECK((s.compute.input().channels == 1 && s.compute.input().height == 6 && s.compute.input().width == 6));
}

TEST_CASE("an npz kernel loads into the selected conv; HWIO only as TensorFlow's layout", "[model]") {
    State s = defaultState();
    REQUIRE(openModel(kModels + "weights.npz", s));
    const auto& tensors = s.model->model->tensors;
    const auto index = [&](const std::string& name) {
        for (std::size_t i = 0; i < tensors.size(); ++i)
            if (tensors[i].name == name) return static_cast<int>(i);
        FAIL("no tensor " << name);
        return -1;
    };
    s.model->tensor = index("conv1.weight");
    REQUIRE(loadModelTensor(s));
    const core::Weights pytorch = s.compute.conv()->weights;
    CHECK((pytorch.outChannels == 4 && pytorch.inChannels == 3 && pytorch.height == 3 && pytorch.width == 3));

    s.model->tensor = index("tf_kernel_hwio");
    s.model->channelsLast = true;
    REQUIRE(loadModelTensor(s));
    CHECK(s.compute.conv()->weights == pytorch);

    s.model->tensor = index("conv1.bias");
    REQUIRE(loadModelTensor(s));
    CHECK(s.compute.conv()->bias == std::vector<float>{0.0f, 0.125f, 0.25f, 0.375f});

    s.model->tensor = index("complex");
    const core::Weights kept = s.compute.conv()->weights;
    CHECK_FALSE(loadModelTensor(s));
    CHECK(s.compute.conv()->weights == kept);
}

TEST_CASE("a 3-channel filter's colours: grey at 0, the strongest weight full or none", "[model]") {
    core::Weights w(1, 3, 1, 2);
    w.data = {2.0f, 0.0f, -2.0f, 1.0f, 0.0f, 0.0f};  // (R: 2, 0), (G: −2, 1), (B: 0, 0)
    const auto c = filterColours(w, 0);
    REQUIRE(c.size() == 2);
    CHECK(c[0] == std::array<float, 3>{1.0f, 0.0f, 0.5f});
    CHECK(c[1] == std::array<float, 3>{0.5f, 0.75f, 0.5f});
    CHECK(filterColours(core::Weights(1, 1, 3, 3), 0).empty());  // one channel: no colour picture
}

#include "pytorch_snippet.hpp"

#include <sstream>
#include <variant>

#include "convscope/core/stack.hpp"
#include "convscope/core/text.hpp"

namespace convscope::gui {

namespace {

std::string literal(const std::vector<float>& values) {
    std::string s = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string v = core::formatValue(values[i]);
        s += (i ? ", " : "") + (v == "nan"    ? "float('nan')"
                                : v == "inf"  ? "float('inf')"
                                : v == "-inf" ? "-float('inf')"
                                              : v);
    }
    return s + "]";
}

std::string pyString(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string pytorchSnippet(const State& s) {
    const core::Tensor& in = s.compute.input();
    std::ostringstream py;
    py << "import torch\nimport torch.nn as nn\n\n";
    if (s.image && in.size() > kLiteralLimit) {
        py << "# The picture, as convscope reads it: values in [0, 1]";
        if (s.image->channel == io::ImageChannel::Luminance)
            py << "; luminance 0.299 R + 0.587 G + 0.114 B\n";
        else
            py << "; the " << io::imageChannelName(s.image->channel) << " channel\n";
        py << "import numpy as np\nfrom PIL import Image\n";
        py << "rgb = np.asarray(Image.open(" << pyString(s.image->path)
           << ").convert('RGB'), dtype=np.float32) / 255\n";
        switch (s.image->channel) {
            case io::ImageChannel::Red: py << "plane = rgb[..., 0]\n"; break;
            case io::ImageChannel::Green: py << "plane = rgb[..., 1]\n"; break;
            case io::ImageChannel::Blue: py << "plane = rgb[..., 2]\n"; break;
            case io::ImageChannel::Rgb: py << "plane = rgb.transpose(2, 0, 1)  # channels first\n"; break;
            default: py << "plane = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]\n"; break;
        }
        py << "x = torch.from_numpy(np.ascontiguousarray(plane)).reshape(1, " << in.channels << ", " << in.height
           << ", " << in.width << ")\n";
    } else {
        py << "x = torch.tensor(" << literal(in.data) << ", dtype=torch.float32).reshape(1, " << in.channels << ", "
           << in.height << ", " << in.width << ")\n";
    }
    // The stack as PyTorch writes it: each kind names its own module; then the learned
    // values, then every layer's output in turn.
    const std::vector<core::Layer>& layers = s.compute.layers;
    const core::StackPlan plan = core::planStack(core::shapeOf(in), layers);
    py << "\nmodel = nn.Sequential(\n";
    core::Shape shape = core::shapeOf(in);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        py << "    " << core::pytorchModule(layers[i], shape) << ",\n";
        if (i < plan.plans.size()) shape = plan.plans[i].out;
    }
    py << ")\nwith torch.no_grad():\n";
    shape = core::shapeOf(in);
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const core::Shape layerIn = shape;
        if (i < plan.plans.size()) shape = plan.plans[i].out;
        // Every kind's weights are stored in PyTorch's order (a conv's (OC, C/groups, KH, KW),
        // a transposed conv's (C, OC/groups, KH, KW)), so one copy serves them all.
        const core::Weights* k = core::layerWeights(layers[i]);
        const std::vector<float>* bias = core::layerBias(layers[i]);
        // A conv behind its own padding module is the second item of its nn.Sequential.
        const auto* conv = std::get_if<core::Conv2d>(&layers[i]);
        const bool padModule = conv && core::pytorchNeedsPadModule(*conv, layerIn);
        if (!k) continue;
        const std::string module = "model[" + std::to_string(i) + "]" + (padModule ? "[1]" : "");
        py << "    " << module << ".weight.copy_(torch.tensor(" << literal(k->data) << ").reshape(" << k->outChannels
           << ", " << k->inChannels << ", " << k->height << ", " << k->width << "))\n";
        if (bias && !bias->empty()) py << "    " << module << ".bias.copy_(torch.tensor(" << literal(*bias) << "))\n";
    }
    py << "    outputs = []  # every layer's map, first to last\n"
          "    for i, layer in enumerate(model):\n"
          "        x = layer(x)\n"
          "        outputs.append(x)\n"
          "        print('layer', i + 1, type(layer).__name__, tuple(x.shape))\n"
          "        print(x[0, 0])\n";
    return py.str();
}

}  // namespace convscope::gui

#include "pytorch_snippet.hpp"

#include <sstream>

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

std::string pyPair(int a, int b) {
    return "(" + core::num(a) + ", " + core::num(b) + ")";
}

std::string pyString(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

// conv → activation → pool of one stage, reading x; `n` suffixes its names (w2, y2, p2).
void writeStage(std::ostringstream& py, const core::Stage& stage, const std::string& n) {
    const core::ConvLayer& c = stage.conv;
    const core::Weights& k = c.weights;
    const std::string w = "w" + n, b = "b" + n, y = "y" + n, p = "p" + n;
    py << w << " = torch.tensor(" << literal(k.data) << ", dtype=torch.float32).reshape(" << k.outChannels << ", "
       << k.inChannels << ", " << k.height << ", " << k.width << ")\n";
    py << b << " = "
       << (c.bias.empty() ? std::string("None") : "torch.tensor(" + literal(c.bias) + ", dtype=torch.float32)") << "\n";

    std::string padding;
    if (c.padding.kind == core::PaddingSpec::Kind::Same)
        padding = "'same'";
    else if (c.padding.kind == core::PaddingSpec::Kind::Valid)
        padding = "'valid'";
    else
        padding = pyPair(c.padding.height, c.padding.width);
    if (c.mode == core::PaddingMode::Zeros) {
        py << y << " = F.conv2d(x, " << w << ", " << b << ", stride=" << pyPair(c.strideH, c.strideW)
           << ", padding=" << padding << ", dilation=" << pyPair(c.dilationH, c.dilationW) << ")\n";
    } else {
        // nn.Conv2d applies reflect/replicate/circular padding itself.
        py << "conv = torch.nn.Conv2d(" << k.inChannels << ", " << k.outChannels << ", " << pyPair(k.height, k.width)
           << ", stride=" << pyPair(c.strideH, c.strideW) << ", padding=" << padding
           << ", dilation=" << pyPair(c.dilationH, c.dilationW) << ", bias=" << (c.bias.empty() ? "False" : "True")
           << ", padding_mode='" << core::paddingModeName(c.mode) << "')\n";
        py << "with torch.no_grad():\n    conv.weight.copy_(" << w << ")\n";
        if (!c.bias.empty()) py << "    conv.bias.copy_(" << b << ")\n";
        py << "    " << y << " = conv(x)\n";
    }
    if (stage.activation.kind == core::Activation::Relu) py << y << " = F.relu(" << y << ")\n";
    if (stage.activation.kind == core::Activation::LeakyRelu)
        py << y << " = F.leaky_relu(" << y << ", " << core::formatValue(stage.activation.negativeSlope) << ")\n";
    py << "print('conv output', tuple(" << y << ".shape))\nprint(" << y << "[0, 0])\n";
    if (!stage.poolEnabled) return;
    const core::PoolParams& q = stage.pool;
    if (q.mode == core::PoolMode::Max)
        py << p << ", idx = F.max_pool2d(" << y << ", " << pyPair(q.windowH, q.windowW)
           << ", stride=" << pyPair(q.strideH, q.strideW) << ", padding=" << pyPair(q.padH, q.padW)
           << ", dilation=" << pyPair(q.dilationH, q.dilationW) << ", ceil_mode=" << (q.ceilMode ? "True" : "False")
           << ", return_indices=True)\n";
    else
        py << p << " = F.avg_pool2d(" << y << ", " << pyPair(q.windowH, q.windowW)
           << ", stride=" << pyPair(q.strideH, q.strideW) << ", padding=" << pyPair(q.padH, q.padW)
           << ", ceil_mode=" << (q.ceilMode ? "True" : "False")
           << ", count_include_pad=" << (q.countIncludePad ? "True" : "False") << ")\n";
    py << "print('pooled', tuple(" << p << ".shape))\nprint(" << p << "[0, 0])\n";
}

}  // namespace

std::string pytorchSnippet(const State& s) {
    const core::Tensor& in = s.compute.input;
    std::ostringstream py;
    py << "import torch\nimport torch.nn.functional as F\n\n";
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
    // One block per stage; with a single stage the names stay short (w, b, y, p).
    const std::size_t stages = s.compute.stages.size();
    for (std::size_t i = 0; i < stages; ++i) {
        const core::Stage& stage = s.compute.stages[i];
        const std::string n = stages > 1 ? core::num(static_cast<std::int64_t>(i + 1)) : std::string();
        if (stages > 1) py << "\n# stage " << n << "\n";
        writeStage(py, stage, n);
        py << "x = " << (stage.poolEnabled ? "p" : "y") << n << "\n";
    }
    return py.str();
}

}  // namespace convscope::gui

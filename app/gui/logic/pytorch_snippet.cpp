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

}  // namespace

std::string pytorchSnippet(const State& s) {
    const core::Tensor& in = s.compute.input;
    const core::ConvLayer& c = s.compute.stage().conv;
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
            default: py << "plane = 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]\n"; break;
        }
        py << "x = torch.from_numpy(np.ascontiguousarray(plane)).reshape(1, 1, " << in.height << ", " << in.width
           << ")\n";
    } else {
        py << "x = torch.tensor(" << literal(in.data) << ", dtype=torch.float32).reshape(1, " << in.channels << ", "
           << in.height << ", " << in.width << ")\n";
    }
    const core::Weights& k = c.weights;
    py << "w = torch.tensor(" << literal(k.data) << ", dtype=torch.float32).reshape(" << k.outChannels << ", "
       << k.inChannels << ", " << k.height << ", " << k.width << ")\n";
    py << "b = "
       << (c.bias.empty() ? std::string("None") : "torch.tensor(" + literal(c.bias) + ", dtype=torch.float32)")
       << "\n\n";

    std::string padding;
    if (c.padding.kind == core::PaddingSpec::Kind::Same)
        padding = "'same'";
    else if (c.padding.kind == core::PaddingSpec::Kind::Valid)
        padding = "'valid'";
    else
        padding = pyPair(c.padding.height, c.padding.width);
    if (c.mode == core::PaddingMode::Zeros) {
        py << "y = F.conv2d(x, w, b, stride=" << pyPair(c.strideH, c.strideW) << ", padding=" << padding
           << ", dilation=" << pyPair(c.dilationH, c.dilationW) << ")\n";
    } else {
        // nn.Conv2d applies reflect/replicate/circular padding itself.
        py << "conv = torch.nn.Conv2d(" << k.inChannels << ", " << k.outChannels << ", " << pyPair(k.height, k.width)
           << ", stride=" << pyPair(c.strideH, c.strideW) << ", padding=" << padding
           << ", dilation=" << pyPair(c.dilationH, c.dilationW) << ", bias=" << (c.bias.empty() ? "False" : "True")
           << ", padding_mode='" << core::paddingModeName(c.mode) << "')\n";
        py << "with torch.no_grad():\n    conv.weight.copy_(w)\n";
        if (!c.bias.empty()) py << "    conv.bias.copy_(b)\n";
        py << "    y = conv(x)\n";
    }
    py << "print('conv output', tuple(y.shape))\nprint(y[0, 0])\n";
    if (s.compute.stage().poolEnabled) {
        const core::PoolParams& p = s.compute.stage().pool;
        if (p.mode == core::PoolMode::Max)
            py << "\np, idx = F.max_pool2d(y, " << pyPair(p.windowH, p.windowW)
               << ", stride=" << pyPair(p.strideH, p.strideW) << ", padding=" << pyPair(p.padH, p.padW)
               << ", dilation=" << pyPair(p.dilationH, p.dilationW) << ", ceil_mode=" << (p.ceilMode ? "True" : "False")
               << ", return_indices=True)\n";
        else
            py << "\np = F.avg_pool2d(y, " << pyPair(p.windowH, p.windowW)
               << ", stride=" << pyPair(p.strideH, p.strideW) << ", padding=" << pyPair(p.padH, p.padW)
               << ", ceil_mode=" << (p.ceilMode ? "True" : "False")
               << ", count_include_pad=" << (p.countIncludePad ? "True" : "False") << ")\n";
        py << "print('pooled', tuple(p.shape))\nprint(p[0, 0])\n";
    }
    return py.str();
}

}  // namespace convscope::gui

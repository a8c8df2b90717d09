// ONNX nodes → convscope layers, following the operators' definitions (onnx/defs/nn):
// Conv, ConvTranspose, MaxPool, AveragePool, Relu, LeakyRelu. Everything else is named as unsupported with
// the reason, never approximated.
#include <algorithm>
#include <limits>
#include <map>

#include "convscope/io/errors.hpp"
#include "convscope/io/model.hpp"

namespace convscope::io {

namespace {

using Shape4 = std::vector<std::int64_t>;

Error why(IoErrorId id, std::vector<core::ErrorValue> values = {}) {
    return ioError(id, "node", std::move(values));
}
Error why(IoErrorId id, std::vector<core::ErrorValue> values, const Error& cause) {
    return ioError(id, "node", std::move(values), cause);
}

std::string listText(const std::vector<std::int64_t>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + "]";
}

// An INTS attribute of `count` values each within lo…hi, or `fallback` when absent.
Result<std::vector<int>> intsAttribute(const OnnxNode& node, const char* name, std::size_t count, std::int64_t lo,
                                       std::vector<int> fallback) {
    const OnnxAttribute* a = node.attribute(name);
    if (!a) return fallback;
    const auto bad = [&](const std::string& expected) {
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", name}, {"value", listText(a->ints)}, {"expected", expected}});
    };
    if (a->type != OnnxAttribute::Type::Ints || a->ints.size() != count)
        return bad(std::to_string(count) + " integers for a 2-D " + node.op);
    std::vector<int> out;
    for (std::int64_t v : a->ints) {
        if (v < lo || v > 1'000'000) return bad("each " + std::to_string(lo) + "…1000000");
        out.push_back(static_cast<int>(v));
    }
    return out;
}

Result<std::int64_t> intAttribute(const OnnxNode& node, const char* name, std::int64_t fallback) {
    const OnnxAttribute* a = node.attribute(name);
    if (!a) return fallback;
    if (a->type != OnnxAttribute::Type::Int)
        return why(IoErrorId::NodeBadAttribute, {{"attribute", name}, {"value", "?"}, {"expected", "an integer"}});
    return a->ints[0];
}

std::string autoPad(const OnnxNode& node) {
    const OnnxAttribute* a = node.attribute("auto_pad");
    return a && a->type == OnnxAttribute::Type::String ? a->s : "NOTSET";
}

// The per-side pads of a node as (top, bottom, left, right): its `pads` [t, l, b, r]
// (x1_begin, x2_begin, x1_end, x2_end), or what auto_pad works out on the input.
struct Window2 {
    std::vector<int> kernel, stride, dilation;
};
Result<core::Padding2D> nodePads(const OnnxNode& node, const Window2& w, const Shape4& in) {
    const std::string mode = autoPad(node);
    if (mode == "NOTSET") {
        auto pads = intsAttribute(node, "pads", 4, 0, {0, 0, 0, 0});
        if (!pads) return pads.error();
        const std::vector<int>& p = *pads;
        return core::Padding2D{p[0], p[2], p[1], p[3]};
    }
    if (mode == "VALID") return core::Padding2D{};
    if (mode != "SAME_UPPER" && mode != "SAME_LOWER")
        return why(
            IoErrorId::NodeBadAttribute,
            {{"attribute", "auto_pad"}, {"value", mode}, {"expected", "NOTSET, SAME_UPPER, SAME_LOWER or VALID"}});
    if (in.size() != 4 || in[2] < 1 || in[3] < 1 || in[2] > std::numeric_limits<int>::max() ||
        in[3] > std::numeric_limits<int>::max())
        return why(IoErrorId::NodeNeedsShape, {{"mode", mode}});
    const bool upper = mode == "SAME_UPPER";
    // ONNX's auto_pad is TensorFlow's SAME: the engine's one sum for it.
    const core::AxisPadding rows = core::sameAxisPadding(in[2], w.kernel[0], w.stride[0], w.dilation[0], upper);
    const core::AxisPadding cols = core::sameAxisPadding(in[3], w.kernel[1], w.stride[1], w.dilation[1], upper);
    constexpr std::int64_t kMax = std::numeric_limits<int>::max();
    if (rows.before + rows.after > kMax || cols.before + cols.after > kMax)
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", "auto_pad"}, {"value", mode}, {"expected", "a smaller padding"}});
    return core::Padding2D{static_cast<int>(rows.before), static_cast<int>(rows.after), static_cast<int>(cols.before),
                           static_cast<int>(cols.after)};
}

Result<const StoredTensor*> storedInput(const OnnxNode& node, const OnnxGraph& graph, std::size_t i, const char* what) {
    for (const StoredTensor& t : graph.initializers)
        if (t.name == node.inputs[i]) return &t;
    return why(IoErrorId::NodeInputNotStored, {{"input", what}});
}

// What Conv and ConvTranspose share: stored weights (both in PyTorch's layout), an optional
// stored bias, and the window's attributes, checked against the weights.
struct ConvNode {
    core::Weights weights;
    std::vector<float> bias;
    std::vector<int> kernel, stride, dilation;
    int groups = 1;
};

Result<ConvNode> convNode(const OnnxNode& node, const OnnxGraph& graph) {
    if (node.inputs.size() < 2 || node.inputs[1].empty())
        return why(IoErrorId::NodeInputNotStored, {{"input", "weights"}});
    auto w = storedInput(node, graph, 1, "weights");
    if (!w) return w.error();
    if ((*w)->shape.size() != 4)
        return why(
            IoErrorId::NodeNot2d,
            {{"rank", std::to_string(std::max<std::int64_t>(0, static_cast<std::int64_t>((*w)->shape.size()) - 2))}});
    auto values = loadAsFloat(**w);
    if (!values) return why(IoErrorId::NodeBadTensor, {{"input", "weights"}}, values.error());
    auto weights = toWeights(*values, "weights");
    if (!weights) return why(IoErrorId::NodeBadTensor, {{"input", "weights"}}, weights.error());
    ConvNode c;
    c.weights = std::move(*weights);
    if (node.inputs.size() > 2 && !node.inputs[2].empty()) {
        auto b = storedInput(node, graph, 2, "bias");
        if (!b) return b.error();
        auto bias = loadAsFloat(**b);
        if (!bias) return why(IoErrorId::NodeBadTensor, {{"input", "bias"}}, bias.error());
        auto checked = toBias(*bias, "bias");
        if (!checked) return why(IoErrorId::NodeBadTensor, {{"input", "bias"}}, checked.error());
        c.bias = std::move(*checked);
    }
    auto kernel = intsAttribute(node, "kernel_shape", 2, 1, {c.weights.height, c.weights.width});
    if (!kernel) return kernel.error();
    if ((*kernel)[0] != c.weights.height || (*kernel)[1] != c.weights.width)
        return why(IoErrorId::NodeBadAttribute, {{"attribute", "kernel_shape"},
                                                 {"value", listText({(*kernel)[0], (*kernel)[1]})},
                                                 {"expected", "the weights' KH, KW"}});
    auto stride = intsAttribute(node, "strides", 2, 1, {1, 1});
    if (!stride) return stride.error();
    auto dilation = intsAttribute(node, "dilations", 2, 1, {1, 1});
    if (!dilation) return dilation.error();
    auto group = intAttribute(node, "group", 1);
    if (!group) return group.error();
    if (*group < 1 || *group > 1'000'000)
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", "group"}, {"value", std::to_string(*group)}, {"expected", "1…1000000"}});
    c.kernel = std::move(*kernel);
    c.stride = std::move(*stride);
    c.dilation = std::move(*dilation);
    c.groups = static_cast<int>(*group);
    return c;
}

Result<core::Layer> convLayer(const OnnxNode& node, const OnnxGraph& graph, const Shape4& in) {
    auto n = convNode(node, graph);
    if (!n) return n.error();
    auto pads = nodePads(node, {n->kernel, n->stride, n->dilation}, in);
    if (!pads) return pads.error();
    core::Conv2d c;
    c.weights = std::move(n->weights);
    c.bias = std::move(n->bias);
    c.stride = {n->stride[0], n->stride[1]};
    c.dilation = {n->dilation[0], n->dilation[1]};
    c.groups = n->groups;
    const core::Padding2D& p = *pads;
    // Symmetric pads stay PyTorch's padding=(h, w); others are kept per side, as written.
    c.padding = p.top == p.bottom && p.left == p.right
                    ? core::PaddingSpec{core::PaddingSpec::Kind::Explicit, p.top, p.left}
                    : core::PaddingSpec::perSide(p);
    return core::Layer{std::move(c)};
}

// ConvTranspose as torch.onnx.export writes nn.ConvTranspose2d: pads (cropped from both sides
// alike) and output_padding. An explicit output_shape or a SAME auto_pad asks the runtime to
// work the pads out; convscope refuses them rather than guess which side gets the odd cell.
Result<core::Layer> convTransposeLayer(const OnnxNode& node, const OnnxGraph& graph) {
    auto n = convNode(node, graph);
    if (!n) return n.error();
    if (const OnnxAttribute* shape = node.attribute("output_shape"))
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", "output_shape"},
                    {"value", listText(shape->ints)},
                    {"expected", "absent: convscope reads pads and output_padding (as PyTorch exports them)"}});
    const std::string mode = autoPad(node);
    if (mode != "NOTSET" && mode != "VALID")
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", "auto_pad"}, {"value", mode}, {"expected", "NOTSET or VALID for a ConvTranspose"}});
    auto pads = intsAttribute(node, "pads", 4, 0, {0, 0, 0, 0});
    if (!pads) return pads.error();
    if (mode == "VALID") pads = std::vector<int>{0, 0, 0, 0};
    const std::vector<int>& p = *pads;  // [top, left, bottom, right]
    if (p[0] != p[2] || p[1] != p[3])
        return why(IoErrorId::NodeAsymmetricTransposedPadding, {{"pads", listText({p[0], p[1], p[2], p[3]})}});
    auto outputPadding = intsAttribute(node, "output_padding", 2, 0, {0, 0});
    if (!outputPadding) return outputPadding.error();
    core::ConvTranspose2d t;
    t.weights = std::move(n->weights);
    t.bias = std::move(n->bias);
    t.stride = {n->stride[0], n->stride[1]};
    t.padding = {p[0], p[1]};
    t.outputPadding = {(*outputPadding)[0], (*outputPadding)[1]};
    t.dilation = {n->dilation[0], n->dilation[1]};
    t.groups = n->groups;
    return core::Layer{std::move(t)};
}

Result<core::Layer> poolLayer(const OnnxNode& node, const Shape4& in, bool max) {
    const OnnxAttribute* k = node.attribute("kernel_shape");
    if (!k || k->type != OnnxAttribute::Type::Ints)
        return why(IoErrorId::NodeBadAttribute,
                   {{"attribute", "kernel_shape"}, {"value", "none"}, {"expected", "the window's size"}});
    if (k->ints.size() != 2) return why(IoErrorId::NodeNot2d, {{"rank", std::to_string(k->ints.size())}});
    auto kernel = intsAttribute(node, "kernel_shape", 2, 1, {});
    if (!kernel) return kernel.error();
    auto stride = intsAttribute(node, "strides", 2, 1, {1, 1});  // ONNX's default is 1, not the window
    if (!stride) return stride.error();
    auto dilation = intsAttribute(node, "dilations", 2, 1, {1, 1});
    if (!dilation) return dilation.error();
    auto ceil = intAttribute(node, "ceil_mode", 0);
    if (!ceil) return ceil.error();
    auto pads = nodePads(node, {*kernel, *stride, *dilation}, in);
    if (!pads) return pads.error();
    const core::Padding2D& p = *pads;
    if (p.top != p.bottom || p.left != p.right)
        return why(IoErrorId::NodeAsymmetricPoolPadding, {{"pads", listText({p.top, p.left, p.bottom, p.right})}});
    const core::Hw window{(*kernel)[0], (*kernel)[1]};
    const core::Hw strides{(*stride)[0], (*stride)[1]};
    const core::Hw padding{p.top, p.left};
    if (max)
        return core::Layer{core::MaxPool2d{window, strides, padding, {(*dilation)[0], (*dilation)[1]}, *ceil != 0}};
    if ((*dilation)[0] != 1 || (*dilation)[1] != 1)
        return why(IoErrorId::NodeBadAttribute, {{"attribute", "dilations"},
                                                 {"value", listText({(*dilation)[0], (*dilation)[1]})},
                                                 {"expected", "1, 1 (average pooling has no dilation)"}});
    auto includePad = intAttribute(node, "count_include_pad", 0);  // ONNX's default excludes the padding
    if (!includePad) return includePad.error();
    return core::Layer{core::AvgPool2d{window, strides, padding, *ceil != 0, *includePad != 0}};
}

Result<core::Layer> nodeLayer(const OnnxNode& node, const OnnxGraph& graph, const Shape4& in) {
    if (!node.domain.empty() && node.domain != "ai.onnx") return why(IoErrorId::NodeDomain, {{"domain", node.domain}});
    if (node.inputs.empty() || node.inputs[0].empty() || node.outputs.empty())
        return why(IoErrorId::NodeNoLayerKind, {{"op", node.op}});
    if (node.op == "Conv") return convLayer(node, graph, in);
    if (node.op == "ConvTranspose") return convTransposeLayer(node, graph);
    if (node.op == "MaxPool") return poolLayer(node, in, true);
    if (node.op == "AveragePool") return poolLayer(node, in, false);
    if (node.op == "Relu") return core::Layer{core::Activation{core::ActivationKind::Relu, 0.01f}};
    if (node.op == "LeakyRelu") {
        const OnnxAttribute* alpha = node.attribute("alpha");
        return core::Layer{core::Activation{core::ActivationKind::LeakyRelu,
                                            alpha && alpha->type == OnnxAttribute::Type::Float ? alpha->f : 0.01f}};
    }
    return why(IoErrorId::NodeNoLayerKind, {{"op", node.op}});
}

// The output shape planning the layer gives, when the input's C, H, W are known.
Shape4 plannedOutput(const core::Layer& layer, const Shape4& in) {
    if (in.size() != 4) return {};
    for (std::size_t i = 1; i < 4; ++i)
        if (in[i] < 1 || in[i] > std::numeric_limits<int>::max()) return {};
    auto plan = core::planLayer(layer, {static_cast<int>(in[1]), static_cast<int>(in[2]), static_cast<int>(in[3])});
    if (!plan) return {};
    return {in[0], plan->out.channels, plan->out.height, plan->out.width};
}

}  // namespace

std::vector<ModelNode> modelNodes(const OnnxGraph& graph) {
    std::map<std::string, Shape4> shapes = graph.shapes;
    std::vector<ModelNode> nodes;
    for (const OnnxNode& node : graph.nodes) {
        ModelNode m;
        m.index = static_cast<int>(nodes.size()) + 1;
        m.name = node.name;
        m.op = node.op;
        m.input = node.inputs.empty() ? "" : node.inputs[0];
        m.output = node.outputs.empty() ? "" : node.outputs[0];
        if (auto s = shapes.find(m.input); !m.input.empty() && s != shapes.end()) m.inputShape = s->second;
        auto layer = nodeLayer(node, graph, m.inputShape);
        if (layer)
            m.layer = std::move(*layer);
        else
            m.unsupported = layer.error();
        if (auto s = shapes.find(m.output); !m.output.empty() && s != shapes.end() && !s->second.empty())
            m.outputShape = s->second;
        else if (m.layer)
            m.outputShape = plannedOutput(*m.layer, m.inputShape);
        if (!m.output.empty() && !m.outputShape.empty()) shapes[m.output] = m.outputShape;
        nodes.push_back(std::move(m));
    }
    return nodes;
}

}  // namespace convscope::io

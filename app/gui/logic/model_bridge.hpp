#pragma once
// What the Model tab does to the state, without GL: open a trained model, make a chain of
// its nodes the stack, load one of its tensors as the selected conv's weights or bias, and
// colour a 3-channel filter as the picture it looks for.
#include <array>
#include <string>
#include <vector>

#include "state.hpp"

namespace convscope::gui {

// Reads the file (io::readModel) into s.model and picks its first supported node (ONNX) or
// first tensor. On failure s.model stays as it was.
core::Status openModel(const std::string& path, State& s);

// The picked nodes (s.model->first … last) become the stack, with their weights and every
// argument, the first layer selected. When a picture is the input and the first layer reads a
// different number of channels (3: colour, 1: grey), the picture's channel choice is switched
// and true is returned: the caller loads the picture again. Without a picture, the input
// becomes a ramp of the size the graph states (or stays, when the graph does not say).
// On failure (an unsupported node, not one chain, too many layers) nothing changes.
core::Result<bool> useModelNodes(State& s);

// The picked tensor of an .npz / .safetensors (or an ONNX initializer) as the selected
// block's conv weights — rank 4 (OC, C, KH, KW), or (KH, KW, C, OC) when channelsLast — or
// rank 2 (KH, KW); rank 1 becomes its bias. Nothing changes on failure.
core::Status loadModelTensor(State& s);

// The input channels a layer reads, when it says (a conv's weights); 0 otherwise.
int inputChannels(const io::ModelNode& node);

// Filter `filter` of a conv whose filters read 3 channels, as RGB in 0…1: weight 0 is mid
// grey, ±maxAbs (the largest magnitude in the whole bank) full or no colour. KH·KW entries,
// row-major.
std::vector<std::array<float, 3>> filterColours(const core::Weights& weights, int filter);

}  // namespace convscope::gui

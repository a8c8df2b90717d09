#pragma once
// A layer in a version-3 session: {"type": "conv2d", …}, its keys named as PyTorch names
// the arguments of its module. Each kind's reader and writer live together in
// layer_json.cpp, found by the layer's type through one registry.
#include <nlohmann/json.hpp>
#include <string>

#include "convscope/core/layers/layer.hpp"

namespace convscope::io::detail {

// Reads the layer at `where` ("layers[2]", named in every error); throws BadField.
core::Layer readLayer(const nlohmann::json& j, const std::string& where);
nlohmann::json writeLayer(const core::Layer& layer);

}  // namespace convscope::io::detail

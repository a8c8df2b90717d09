#pragma once
// The model fixtures (made by tests/golden/make_model_fixtures.py) and their index.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

inline const std::filesystem::path kModels = std::filesystem::path(CONVSCOPE_GOLDEN_DIR) / "models";

// models/cases.json: what PyTorch computed for each exported model.
inline nlohmann::json modelCases() {
    std::ifstream in(kModels / "cases.json");
    return nlohmann::json::parse(in);
}

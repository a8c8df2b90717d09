#pragma once
// What the .npz and safetensors fuzzers check of a parse: an error with a message, or
// tensors whose bytes match their shapes, which load (or say why not) and convert layouts.
#include <cstdint>

#include "convscope/io/stored_tensor.hpp"
#include "fuzz_check.hpp"

inline void checkTensors(const convscope::core::Result<std::vector<convscope::io::StoredTensor>>& tensors) {
    using namespace convscope::io;
    if (!tensors) {
        FUZZ_CHECK(!tensors.error().message.empty() && !tensors.error().id.empty());
        return;
    }
    for (const StoredTensor& t : *tensors) {
        auto count = checkedValueCount(t.name, t.shape);
        FUZZ_CHECK(count.ok());
        auto a = loadAsFloat(t);
        if (t.type == ElementType::Unsupported) {
            FUZZ_CHECK(!a.ok());
            continue;
        }
        FUZZ_CHECK(a.ok());
        FUZZ_CHECK(static_cast<std::int64_t>(a->data.size()) == *count);
        FUZZ_CHECK(t.bytes.size() == a->data.size() * elementBytes(t.type));
        if (a->shape.size() == 4) FUZZ_CHECK(kernelToChannelsFirst(*a).data.size() == a->data.size());
        if (a->shape.size() == 3) FUZZ_CHECK(inputToChannelsFirst(*a).data.size() == a->data.size());
    }
}

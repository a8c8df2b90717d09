// A slider sweep allocates nothing large: maps are written into pooled buffers and handed to
// the UI by pointer (on these machines fresh memory costs ~0.24 GB/s to touch, more than the
// convolution). Checked with a counting operator new over the whole process (the worker
// thread too), and results that cancelled work overtook are still exact.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <new>

#include "convscope/core/stack.hpp"
#include "logic/pipeline.hpp"

namespace {

constexpr std::size_t kLarge = 64 * 1024;  // a 256² map is 256 KiB; no bookkeeping comes close
std::atomic<bool> g_counting{false};
std::atomic<int> g_largeAllocations{0};

}  // namespace

// Not under AddressSanitizer, whose own operator new allocates some objects before ours is
// in place (their delete would then mismatch); there the buffer count still checks reuse.
#if !defined(__SANITIZE_ADDRESS__)
#define CONVSCOPE_COUNTS_ALLOCATIONS 1
// The replacement pair is malloc/free on purpose; GCC sees only the free() inside delete.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
    if (g_counting.load(std::memory_order_relaxed) && size >= kLarge)
        g_largeAllocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
// The array forms too: left to the runtime (ASan's), delete[] would free malloc'd memory.
void* operator new[](std::size_t size) {
    return ::operator new(size);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
#pragma GCC diagnostic pop
#endif

namespace convscope::gui {
namespace {

core::Tensor wavyPicture(int side) {
    core::Tensor t(1, side, side);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) t.at(0, y, x) = static_cast<float>((x * 7 + y * 3) % 11) / 10.0f;
    return t;
}

ComputeInputs benchLikeInputs(int side) {
    ComputeInputs c;
    c.setPicture(wavyPicture(side));
    core::Conv2d conv;
    conv.weights = core::Weights(1, 1, 7, 7, 1.0f / 49.0f);
    conv.padding = {core::PaddingSpec::Kind::Explicit, 3, 3};
    c.layers = {conv, core::Activation{}, core::MaxPool2d{}};
    return c;
}

// One step of the sweep --bench-ui makes: kernel value, stride, padding, pooling mode.
void sweepStep(ComputeInputs& c, int step) {
    core::Conv2d& conv = *c.conv();
    switch (step % 4) {
        case 0: conv.weights.at(0, 0, 3, 3) += 0.1f; break;
        case 1: conv.stride.h = conv.stride.w = conv.stride.h == 1 ? 2 : 1; break;
        case 2: conv.padding.height = conv.padding.width = conv.padding.height == 3 ? 2 : 3; break;
        default: {
            core::PoolParams q = core::poolParams(*c.pool());
            q.mode = q.mode == core::PoolMode::Max ? core::PoolMode::Avg : core::PoolMode::Max;
            *c.pool() = core::poolLayer(q);
        }
    }
}

}  // namespace

TEST_CASE("a steady slider sweep allocates no large memory and makes no new buffers", "[gui][pipeline][memory]") {
    Pipeline p;
    ComputeInputs c = benchLikeInputs(256);
    p.update(c);
    p.finish();
    for (int step = 0; step < 16; ++step) {  // every buffer has seen every shape
        sweepStep(c, step);
        p.update(c);
        p.finish();
    }
    const std::size_t buffers = p.buffersCreated();

    g_largeAllocations = 0;
    g_counting = true;
#if defined(CONVSCOPE_COUNTS_ALLOCATIONS)
    ::operator delete(::operator new(kLarge));  // the counter sees a map-sized allocation
    REQUIRE(g_largeAllocations.load() == 1);
#endif
    g_largeAllocations = 0;
    for (int step = 16; step < 32; ++step) {
        sweepStep(c, step);
        p.update(c);
        p.finish();
    }
    g_counting = false;
    CHECK(g_largeAllocations.load() == 0);
    CHECK(p.buffersCreated() == buffers);
    // And the maps shown are the right ones, not a stale buffer's.
    const auto expected = core::runStack(c.input(), c.layers);
    REQUIRE(expected.ok());
    CHECK(p.result().activated() == (*expected)[1].values);
    CHECK(p.result().pool().values == (*expected)[2].values);
}

TEST_CASE("changes that overtake running work end in the exact maps of the last one", "[gui][pipeline]") {
    // Large enough to run on the worker (update() does not wait), so newer changes cancel it.
    Pipeline p;
    ComputeInputs c = benchLikeInputs(640);
    for (int step = 0; step < 9; ++step) {
        sweepStep(c, step);
        p.update(c);  // no finish: each change overtakes the one before
    }
    p.finish();
    auto expected = core::runStack(c.input(), c.layers);
    REQUIRE(expected.ok());
    CHECK(p.result().activated() == (*expected)[1].values);
    CHECK(p.result().pool().values == (*expected)[2].values);
    CHECK_FALSE(p.result().computing);

    // The next change recomputes from the layers it touches, on top of what was shown.
    sweepStep(c, 3);  // the pooling only
    p.update(c);
    p.finish();
    expected = core::runStack(c.input(), c.layers);
    REQUIRE(expected.ok());
    CHECK(p.result().activated() == (*expected)[1].values);
    CHECK(p.result().pool().values == (*expected)[2].values);
}

}  // namespace convscope::gui

namespace convscope::gui {

TEST_CASE("the picture is shared, never copied; an edit makes a new one and is computed", "[gui][pipeline]") {
    Pipeline p;
    ComputeInputs c = benchLikeInputs(64);
    const auto expectShown = [&] {
        p.finish();
        const auto expected = core::runStack(c.input(), c.layers);
        REQUIRE(expected.ok());
        CHECK(p.result().activated() == (*expected)[1].values);
    };
    p.update(c);
    expectShown();
    CHECK(p.result().picture.get() == &c.input());  // the worker ran on the state's own picture

    // The inputs editor changes a copy: what the pipeline and an older copy of the inputs
    // hold stays as it was.
    const ComputeInputs before = c;
    const float cell = c.input().at(0, 10, 10);
    c.editPicture().at(0, 10, 10) += 5.0f;
    CHECK(before.input().at(0, 10, 10) == cell);
    CHECK(p.result().picture->at(0, 10, 10) == cell);
    CHECK(p.update(c));
    expectShown();
    CHECK(p.result().picture->at(0, 10, 10) == cell + 5.0f);

    c.setPicture(wavyPicture(64));
    CHECK(p.update(c));
    expectShown();
    CHECK_FALSE(p.update(c));  // the same picture: nothing to do
}

}  // namespace convscope::gui

#include "backward_session.hpp"

#include <charconv>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "convscope/core/errors.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/session.hpp"

namespace convscope::cli {

std::string shortest(double v) {
    char buffer[64];
    auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, r.ptr);
}

core::Result<BackwardSession> loadBackwardSession(const std::string& file, int& status) {
    status = kExitIo;
    auto session = io::loadSession(file);
    if (!session) return session.error();
    auto input = io::sessionInput(*session);
    if (!input) return input.error();
    status = kExitUsage;
    BackwardSession s{std::move(*input), std::move(session->layers), {}};
    s.plan = core::planStack(core::shapeOf(s.input), s.layers);
    if (!s.plan.ok()) return s.plan.namedError();
    return s;
}

core::Result<core::Loss> loadLoss(const std::string& file, const core::StackPlan& plan, int& status) {
    if (file.empty()) return core::Loss{core::LossKind::Sum, {}};
    status = kExitIo;
    auto array = io::readArray(file);
    if (!array) return array.error();
    auto target = io::toTensor(*array, "target");
    if (!target) return target.error();
    status = kExitUsage;
    const core::Shape out = plan.output();
    // A 2-D target stands for one channel, as a 2-D input does.
    if (core::shapeOf(*target) != out)
        return core::engineError(core::ErrorId::TargetShapeMismatch, "target",
                                 {{"target", core::shapeText(target->channels, target->height, target->width)},
                                  {"output", core::shapeText(out.channels, out.height, out.width)}});
    return core::Loss{core::LossKind::SquaredError, std::move(*target)};
}

core::Result<std::string> npyBytes(const std::string& dir, const std::string& name, std::vector<std::int64_t> shape,
                                   const std::vector<float>& data, std::string& path) {
    path = (std::filesystem::path(dir) / name).string();
    return io::encodeArray(path, io::Array{std::move(shape), data});
}

}  // namespace convscope::cli

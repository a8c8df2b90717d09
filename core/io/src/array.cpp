#include "convscope/io/array.hpp"

#include <algorithm>
#include <cctype>

#include "convscope/io/csv.hpp"
#include "convscope/io/errors.hpp"
#include "convscope/io/files.hpp"
#include "convscope/io/image.hpp"
#include "convscope/io/npy.hpp"

namespace convscope::io {

namespace fs = std::filesystem;

std::string Array::shapeText() const {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

std::string extensionOf(const fs::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

Result<Array> readArray(const fs::path& path) {
    const std::string ext = extensionOf(path);
    if (ext != ".npy" && ext != ".csv" && !isImageExtension(ext))
        return ioError(IoErrorId::UnknownExtension, "file", {{"path", path.string()}, {"ext", ext}});
    auto bytes = readFile(path, kMaxFileBytes);
    if (!bytes) return bytes.error();
    Result<Array> parsed = ext == ".npy"   ? parseNpy(*bytes)
                           : ext == ".csv" ? parseCsv(*bytes)
                                           : decodeImage(*bytes, path.string());
    if (!parsed) return ioError(IoErrorId::InFile, "file", {{"path", path.string()}}, parsed.error());
    return parsed;
}

Result<std::string> encodeArray(const fs::path& path, const Array& array) {
    const std::string ext = extensionOf(path);
    const bool plane = array.shape.size() == 2 || (array.shape.size() == 3 && array.shape[0] == 1);
    if (ext == ".npy") return encodeNpyFloat32(array);
    if ((ext == ".csv" || ext == ".png") && !plane)
        return ioError(IoErrorId::OutputNeedsPlane, "output", {{"shape", array.shapeText()}, {"ext", ext}});
    if (ext == ".csv") return encodeCsv(array);
    if (ext == ".png")
        return encodePngGrey(array.data, static_cast<int>(array.shape[array.shape.size() - 2]),
                             static_cast<int>(array.shape.back()));
    return ioError(IoErrorId::UnknownOutputExtension, "output", {{"path", path.string()}, {"ext", ext}});
}

Result<std::string> encodeIndices(const fs::path& path, const std::vector<std::int64_t>& shape,
                                  const std::vector<std::int64_t>& indices) {
    const std::string ext = extensionOf(path);
    if (ext == ".npy") return encodeNpyInt64(shape, indices);
    if (ext == ".csv" && (shape.size() == 2 || (shape.size() == 3 && shape[0] == 1))) {
        std::string text;
        const std::size_t cols = static_cast<std::size_t>(shape.back());
        for (std::size_t i = 0; i < indices.size(); ++i)
            text += std::to_string(indices[i]) + (i % cols == cols - 1 ? "\n" : ",");
        return text;
    }
    return ioError(IoErrorId::IndicesFormat, "indices", {{"path", path.string()}});
}

Status writeArray(const fs::path& path, const Array& array) {
    auto bytes = encodeArray(path, array);
    if (!bytes) return bytes.error();
    return writeFileAtomic(path, *bytes);
}

namespace {

Status checkDims(const Array& a, const std::string& what) {
    for (std::int64_t d : a.shape)
        if (d < 1 || d > std::numeric_limits<int>::max())
            return ioError(IoErrorId::DimensionTooSmall, what, {{"what", what}, {"shape", a.shapeText()}});
    return core::Ok{};
}

}  // namespace

Result<core::Tensor> toTensor(const Array& a, const std::string& what) {
    if (a.shape.size() != 2 && a.shape.size() != 3)
        return ioError(IoErrorId::TensorRank, what, {{"what", what}, {"shape", a.shapeText()}});
    if (auto s = checkDims(a, what); !s) return s.error();
    const bool planar = a.shape.size() == 2;
    core::Tensor t;
    t.channels = planar ? 1 : static_cast<int>(a.shape[0]);
    t.height = static_cast<int>(a.shape[planar ? 0 : 1]);
    t.width = static_cast<int>(a.shape[planar ? 1 : 2]);
    t.data = a.data;
    return t;
}

Result<core::Weights> toWeights(const Array& a, const std::string& what) {
    if (a.shape.size() != 2 && a.shape.size() != 4)
        return ioError(IoErrorId::WeightsRank, what, {{"what", what}, {"shape", a.shapeText()}});
    if (auto s = checkDims(a, what); !s) return s.error();
    core::Weights w;
    const bool planar = a.shape.size() == 2;
    w.outChannels = planar ? 1 : static_cast<int>(a.shape[0]);
    w.inChannels = planar ? 1 : static_cast<int>(a.shape[1]);
    w.height = static_cast<int>(a.shape[planar ? 0 : 2]);
    w.width = static_cast<int>(a.shape[planar ? 1 : 3]);
    w.data = a.data;
    return w;
}

Result<std::vector<float>> toBias(const Array& a, const std::string& what) {
    // A CSV row reads as (1,N); accept it as the 1-D vector it means.
    if (a.shape.size() == 1 || (a.shape.size() == 2 && a.shape[0] == 1)) {
        if (a.data.empty()) return ioError(IoErrorId::BiasEmpty, what, {{"what", what}});
        return a.data;
    }
    return ioError(IoErrorId::BiasRank, what, {{"what", what}, {"shape", a.shapeText()}});
}

Array fromTensor(const core::Tensor& t, bool asPlane) {
    Array a;
    if (asPlane && t.channels == 1)
        a.shape = {t.height, t.width};
    else
        a.shape = {t.channels, t.height, t.width};
    a.data = t.data;
    return a;
}

}  // namespace convscope::io

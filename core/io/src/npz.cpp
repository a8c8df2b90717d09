#include "convscope/io/npz.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "convscope/core/geometry.hpp"
#include "convscope/io/errors.hpp"
#include "convscope/io/npy.hpp"

namespace convscope::io {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kNoValue32 = 0xffffffffu;  // "see the ZIP64 extra field"
// An entry inflates to at most one tensor of the limit plus its .npy header.
constexpr std::uint64_t kMaxEntryBytes = kMaxFileBytes + 65536;

Error npzError(IoErrorId id, std::vector<core::ErrorValue> values = {}) {
    return ioError(id, "file", std::move(values));
}

// Little-endian reads that never pass the end: `ok` turns false instead.
struct Reader {
    std::string_view bytes;
    std::uint64_t at = 0;
    bool ok = true;

    std::uint64_t read(int size) {
        if (at > bytes.size() || bytes.size() - at < static_cast<std::uint64_t>(size)) {
            ok = false;
            return 0;
        }
        std::uint64_t v = 0;
        for (int i = size - 1; i >= 0; --i)
            v = (v << 8) |
                static_cast<unsigned char>(bytes[static_cast<std::size_t>(at) + static_cast<std::size_t>(i)]);
        at += static_cast<std::uint64_t>(size);
        return v;
    }
    std::string_view take(std::uint64_t size) {
        if (at > bytes.size() || bytes.size() - at < size) {
            ok = false;
            return {};
        }
        const std::string_view s = bytes.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(size));
        at += size;
        return s;
    }
};

struct Entry {
    std::string name;
    std::uint16_t flags = 0;
    std::uint16_t method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressedSize = 0;
    std::uint64_t size = 0;
    std::uint64_t localOffset = 0;
};

struct Directory {
    std::uint64_t count = 0;
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
};

Result<Directory> findDirectory(std::string_view bytes) {
    if (bytes.size() < 22) return npzError(IoErrorId::NpzNoDirectory);
    // The end record is the last 22 bytes plus a comment of up to 65535 bytes.
    const std::size_t lowest = bytes.size() > 22 + 65535 ? bytes.size() - 22 - 65535 : 0;
    for (std::size_t at = bytes.size() - 22 + 1; at-- > lowest;) {
        Reader r{bytes, at};
        if (r.read(4) != kEndOfDirectory) continue;
        r.read(2);  // this disk
        r.read(2);  // the directory's disk
        r.read(2);  // entries on this disk
        Directory d;
        d.count = r.read(2);
        d.size = r.read(4);
        d.offset = r.read(4);
        const std::uint64_t commentLength = r.read(2);
        if (!r.ok || at + 22 + commentLength != bytes.size()) continue;  // a signature inside the comment
        if (d.count == 0xffff || d.size == kNoValue32 || d.offset == kNoValue32) {
            if (at < 20) return npzError(IoErrorId::NpzNoDirectory);
            Reader locator{bytes, at - 20};
            if (locator.read(4) != kZip64EndLocator) return npzError(IoErrorId::NpzNoDirectory);
            locator.read(4);
            Reader end{bytes, locator.read(8)};
            if (end.read(4) != kZip64End) return npzError(IoErrorId::NpzNoDirectory);
            end.read(8);  // record size
            end.read(4);  // versions
            end.read(8);  // disks
            end.read(8);  // entries on this disk
            d.count = end.read(8);
            d.size = end.read(8);
            d.offset = end.read(8);
            if (!end.ok) return npzError(IoErrorId::NpzNoDirectory);
        }
        return d;
    }
    return npzError(IoErrorId::NpzNoDirectory);
}

Result<std::vector<Entry>> readDirectory(std::string_view bytes, const Directory& d) {
    // Each entry takes at least 46 bytes: a count the directory cannot hold is a lie.
    if (d.offset > bytes.size() || d.size > bytes.size() - d.offset || d.count > d.size / 46 + 1)
        return npzError(IoErrorId::NpzDirectoryDamaged, {{"entry", "1"}});
    std::vector<Entry> entries;
    Reader r{bytes.substr(0, static_cast<std::size_t>(d.offset + d.size)), d.offset};
    for (std::uint64_t i = 0; i < d.count; ++i) {
        const auto damaged = [&] {
            return npzError(IoErrorId::NpzDirectoryDamaged, {{"entry", std::to_string(i + 1)}});
        };
        if (r.read(4) != kDirectoryEntry) return damaged();
        Entry e;
        r.read(4);  // versions
        e.flags = static_cast<std::uint16_t>(r.read(2));
        e.method = static_cast<std::uint16_t>(r.read(2));
        r.read(4);  // time, date
        e.crc = static_cast<std::uint32_t>(r.read(4));
        e.compressedSize = r.read(4);
        e.size = r.read(4);
        const std::uint64_t nameLength = r.read(2);
        const std::uint64_t extraLength = r.read(2);
        const std::uint64_t commentLength = r.read(2);
        r.read(8);  // disk, attributes
        e.localOffset = r.read(4);
        e.name = std::string(r.take(nameLength));
        Reader extra{r.take(extraLength)};
        r.take(commentLength);
        if (!r.ok) return damaged();
        while (extra.ok && extra.at + 4 <= extra.bytes.size()) {
            const std::uint64_t id = extra.read(2);
            const std::uint64_t length = extra.read(2);
            Reader field{extra.take(length)};
            if (id != 0x0001) continue;
            // ZIP64: only the fields that hold the marker value follow, in this order.
            if (e.size == kNoValue32) e.size = field.read(8);
            if (e.compressedSize == kNoValue32) e.compressedSize = field.read(8);
            if (e.localOffset == kNoValue32) e.localOffset = field.read(8);
            if (!field.ok) return damaged();
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

Result<std::string> inflateEntry(std::string_view compressed, const Entry& e) {
    std::string out;
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)  // raw deflate, as zip stores it
        return npzError(IoErrorId::NpzEntryCorrupt, {{"name", e.name}, {"size", std::to_string(e.size)}});
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z.avail_in = static_cast<uInt>(compressed.size());
    // Grown as data really inflates, never by the size the directory claims.
    char chunk[65536];
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk);
        z.avail_out = sizeof chunk;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(chunk, sizeof chunk - z.avail_out);
        if (out.size() > e.size) break;
    }
    inflateEnd(&z);
    if (status != Z_STREAM_END || out.size() != e.size)
        return npzError(IoErrorId::NpzEntryCorrupt, {{"name", e.name}, {"size", std::to_string(e.size)}});
    return out;
}

Result<std::string> entryBytes(std::string_view bytes, const Entry& e) {
    if (e.flags & 0x1) return npzError(IoErrorId::NpzEntryEncrypted, {{"name", e.name}});
    if (e.method != 0 && e.method != 8)
        return npzError(IoErrorId::NpzEntryMethod, {{"name", e.name}, {"method", std::to_string(e.method)}});
    if (e.size > kMaxEntryBytes)
        return npzError(IoErrorId::TensorTooLarge, {{"name", e.name}, {"limit", std::to_string(core::kMaxValues)}});
    Reader local{bytes, e.localOffset};
    const bool signature = local.read(4) == kLocalHeader;
    local.read(22);
    const std::uint64_t nameLength = local.read(2);
    const std::uint64_t extraLength = local.read(2);
    local.take(nameLength + extraLength);
    const std::uint64_t dataStart = local.at;
    const std::string_view data = local.take(e.compressedSize);
    if (!signature || !local.ok) {
        const std::uint64_t end = dataStart + e.compressedSize;
        return npzError(IoErrorId::NpzEntryOutside,
                        {{"name", e.name}, {"end", std::to_string(end)}, {"size", std::to_string(bytes.size())}});
    }
    std::string out;
    if (e.method == 0) {
        if (e.compressedSize != e.size)
            return npzError(IoErrorId::NpzEntryCorrupt, {{"name", e.name}, {"size", std::to_string(e.size)}});
        out = std::string(data);
    } else {
        auto inflated = inflateEntry(data, e);
        if (!inflated) return inflated.error();
        out = std::move(*inflated);
    }
    const uLong crc = crc32_z(crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(out.data()), out.size());
    if (crc != e.crc) return npzError(IoErrorId::NpzEntryCrc, {{"name", e.name}});
    return out;
}

ElementType npyElementType(const std::string& descr) {
    static const struct {
        const char* descr;
        ElementType type;
    } kTypes[] = {{"<f4", ElementType::Float32}, {"<f8", ElementType::Float64}, {"<f2", ElementType::Float16},
                  {"|i1", ElementType::Int8},    {"<i2", ElementType::Int16},   {"<i4", ElementType::Int32},
                  {"<i8", ElementType::Int64},   {"|u1", ElementType::UInt8},   {"<u2", ElementType::UInt16},
                  {"<u4", ElementType::UInt32},  {"<u8", ElementType::UInt64},  {"|b1", ElementType::Bool}};
    for (const auto& t : kTypes)
        if (descr == t.descr) return t.type;
    return ElementType::Unsupported;
}

Result<StoredTensor> npyEntry(const Entry& e, const std::string& npy) {
    const std::string_view suffix = ".npy";
    if (e.name.size() <= suffix.size() || e.name.compare(e.name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return npzError(IoErrorId::NpzEntryNotNpy, {{"name", e.name}});
    const std::string name = e.name.substr(0, e.name.size() - suffix.size());
    auto header = parseNpyHeader(npy);
    if (!header) return ioError(IoErrorId::InNpzEntry, "file", {{"name", e.name}}, header.error());
    StoredTensor t;
    t.name = name;
    t.shape = header->shape;
    t.dtype = header->descr;
    t.type = npyElementType(header->descr);
    auto count = checkedValueCount(name, t.shape);
    if (!count) return count.error();
    const std::string_view data = std::string_view(npy).substr(header->dataOffset);
    if (t.type != ElementType::Unsupported) {
        if (auto ok = checkTensorBytes(t, data.size()); !ok) return ok.error();
        t.bytes = std::string(data);
    }
    return t;
}

}  // namespace

Result<std::vector<StoredTensor>> parseNpz(std::string_view bytes) {
    auto directory = findDirectory(bytes);
    if (!directory) return directory.error();
    auto entries = readDirectory(bytes, *directory);
    if (!entries) return entries.error();
    // Declared sizes are checked against the inflated data, so their sum bounds the memory.
    std::uint64_t total = 0;
    for (const Entry& e : *entries) {
        total += std::min<std::uint64_t>(e.size, kMaxEntryBytes + 1);
        if (total > 2 * kMaxEntryBytes)
            return npzError(IoErrorId::NpzTooLarge, {{"limit", std::to_string(2 * kMaxEntryBytes)}});
    }
    std::vector<StoredTensor> tensors;
    std::unordered_set<std::string> names;
    for (const Entry& e : *entries) {
        auto npy = entryBytes(bytes, e);
        if (!npy) return npy.error();
        auto tensor = npyEntry(e, *npy);
        if (!tensor) return tensor.error();
        if (!names.insert(tensor->name).second) return npzError(IoErrorId::TensorDuplicate, {{"name", tensor->name}});
        tensors.push_back(std::move(*tensor));
    }
    if (tensors.empty()) return npzError(IoErrorId::NpzEmpty);
    return tensors;
}

}  // namespace convscope::io

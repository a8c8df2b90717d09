#include "convscope/io/csv.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "convscope/core/geometry.hpp"
#include "convscope/core/text.hpp"
#include "convscope/io/errors.hpp"

namespace convscope::io {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool parseNumber(std::string_view field, float& out) {
    if (field == "nan" || field == "NaN" || field == "-nan") {
        out = std::numeric_limits<float>::quiet_NaN();
        return true;
    }
    if (field == "inf" || field == "+inf" || field == "Infinity") {
        out = std::numeric_limits<float>::infinity();
        return true;
    }
    if (field == "-inf" || field == "-Infinity") {
        out = -std::numeric_limits<float>::infinity();
        return true;
    }
    if (!field.empty() && field.front() == '+') field.remove_prefix(1);
    if (field.empty()) return false;
    const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), out);
    return ec == std::errc() && end == field.data() + field.size();
}

}  // namespace

Result<Array> parseCsv(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // UTF-8 BOM
    Array a;
    std::int64_t rows = 0;
    std::int64_t cols = -1;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = trim(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        ++lineNo;
        if (line.empty() || line.front() == '#') continue;
        std::int64_t count = 0;
        std::string_view rest = line;
        while (true) {
            const std::size_t comma = rest.find(',');
            const std::string_view field = trim(rest.substr(0, comma));
            float v = 0.0f;
            if (!parseNumber(field, v))
                return ioError(IoErrorId::CsvNotNumber, "file",
                               {{"line", std::to_string(lineNo)},
                                {"column", std::to_string(count + 1)},
                                {"text", std::string(field.substr(0, 40))}});
            if (static_cast<std::int64_t>(a.data.size()) >= core::kMaxValues)
                return ioError(IoErrorId::CsvTooManyValues, "file", {{"limit", std::to_string(core::kMaxValues)}});
            a.data.push_back(v);
            ++count;
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
        if (cols >= 0 && count != cols)
            return ioError(IoErrorId::CsvRagged, "file",
                           {{"line", std::to_string(lineNo)},
                            {"count", std::to_string(count)},
                            {"expected", std::to_string(cols)}});
        cols = count;
        ++rows;
    }
    if (rows == 0) return ioError(IoErrorId::CsvEmpty, "file", {});
    a.shape = {rows, cols};
    return a;
}

std::string encodeCsv(const Array& array) {
    const std::int64_t cols = array.shape.empty() ? 0 : array.shape.back();
    std::string out;
    for (std::size_t i = 0; i < array.data.size(); ++i) {
        // formatValue shows −0 as "0" for people; a data file keeps the sign, so the file
        // reads back bit for bit (found by fuzz_csv's round trip).
        const float v = array.data[i];
        out += v == 0.0f && std::signbit(v) ? std::string("-0") : core::formatValue(v);
        out += (cols > 0 && static_cast<std::int64_t>(i % static_cast<std::size_t>(cols)) == cols - 1) ? '\n' : ',';
    }
    return out;
}

}  // namespace convscope::io

#pragma once
// Comma-separated 2-D numbers: one row a line, the same count on every line. Blank lines
// and lines starting with '#' are skipped; "nan", "inf" and "-inf" are read as such.
#include <string>
#include <string_view>

#include "convscope/io/array.hpp"

namespace convscope::io {

Result<Array> parseCsv(std::string_view text);
std::string encodeCsv(const Array& array);  // shortest round-trip text for each value

}  // namespace convscope::io

#pragma once
// Checks that imported files are UTF-8 text before anything is stored: a spreadsheet saved as
// Latin-1 would otherwise fail deep inside PostgreSQL with a message naming no line.

#include <optional>
#include <string_view>

namespace orcazap::core {

// The line (from 1) of the first byte that is not UTF-8 text: a malformed, truncated, overlong
// or surrogate sequence, a code point above U+10FFFF, or a NUL byte. nullopt when all is valid.
std::optional<int> FirstInvalidUtf8Line(std::string_view text);

}  // namespace orcazap::core

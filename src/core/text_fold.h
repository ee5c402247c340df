#pragma once
// UTF-8 customer text → lowercase ASCII text for matching, with a way back to the original bytes.
//
// Invariants:
// 1. `text` holds only ASCII: letters are lowercase and without accents (á→a, ç→c, ã→a),
//    ³→3, ²→2, º→o, ×→x, typographic quotes and dashes become their ASCII forms.
// 2. Emoji, symbols and any other character with no ASCII reading become one space each.
// 3. `source_offsets` has text.size() + 1 entries: the original byte offset where the character
//    at each folded position starts, and finally the original size. A folded range [b, e) is
//    therefore the original range [source_offsets[b], source_offsets[e]).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace orcazap::core {

struct FoldedText {
  std::string text;
  std::vector<size_t> source_offsets;

  // The original bytes behind the folded range [begin, end).
  std::string_view Original(std::string_view source, size_t begin, size_t end) const;
};

FoldedText FoldText(std::string_view utf8);
// Only the folded text.
std::string Fold(std::string_view utf8);

}  // namespace orcazap::core

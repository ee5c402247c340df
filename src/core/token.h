#pragma once
// Folded text (see text_fold.h) cut into tokens for the extraction parsers.
//
// Invariants:
// 1. A number token is a maximal numeral ("10", "2,5", "1.000"); a dimension token is digits
//    joined by 'x' or '/' ("60x60", "9x19x29", "3/8", "15/01/2027"). Neither holds letters.
// 2. Letters glued to digits are separate tokens marked `glued` ("50kg" → "50", "kg";
//    "x10" → "x", "10"), except "m2"/"m3", which stay one word. The roman numerals "ii", "iii"
//    and "iv" (product grades: "CP II", "AC-III") are numbers.
// 3. Spaces and tabs separate tokens and are dropped; every line break is a kNewline token;
//    apostrophes and quotes are dropped; any other symbol is a one-character kPunct token.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/quantity.h"

namespace orcazap::core {

enum class TokenKind { kWord, kNumber, kDimension, kPunct, kNewline };

struct Token {
  TokenKind kind = TokenKind::kWord;
  std::string text;               // as folded
  std::string key;                // words: WordKey(text); others: text
  std::optional<Quantity> value;  // numbers whose numeral parses
  size_t begin = 0;               // folded byte range [begin, end)
  size_t end = 0;
  bool glued = false;  // no space between the previous token and this one

  bool IsWord() const { return kind == TokenKind::kWord; }
  bool IsWord(std::string_view word) const { return kind == TokenKind::kWord && text == word; }
  bool IsPunct(char c) const { return kind == TokenKind::kPunct && text[0] == c; }
  bool IsNumber() const { return kind == TokenKind::kNumber; }
  // Ends a clause: a line break or one of , ; . ! ? ("hoje não, amanhã").
  bool EndsClause() const {
    return kind == TokenKind::kNewline ||
           (kind == TokenKind::kPunct &&
            std::string_view(",;.!?").find(text[0]) != std::string_view::npos);
  }
};

std::vector<Token> Tokenize(std::string_view folded);

// Whether tokens[i..] are exactly these words, in order.
bool WordsAt(const std::vector<Token>& tokens, size_t i,
             std::initializer_list<std::string_view> words);

}  // namespace orcazap::core

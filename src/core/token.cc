#include "core/token.h"

#include "core/number_words.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

bool DigitAt(std::string_view s, size_t i) { return i < s.size() && IsDigit(s[i]); }

// End of the numeral or dimension starting at `pos`; sets *dimension when it holds 'x' or '/'.
size_t ScanNumber(std::string_view s, size_t pos, bool* dimension) {
  size_t i = pos;
  *dimension = false;
  while (i < s.size()) {
    if (IsDigit(s[i])) {
      ++i;
    } else if ((s[i] == ',' || s[i] == '.') && DigitAt(s, i + 1) && !*dimension) {
      ++i;
    } else if ((s[i] == 'x' || s[i] == '/') && DigitAt(s, i + 1)) {
      *dimension = true;
      ++i;
    } else {
      break;
    }
  }
  return i;
}

size_t ScanWord(std::string_view s, size_t pos) {
  size_t i = pos;
  while (i < s.size() && IsLetter(s[i])) ++i;
  const std::string_view word = s.substr(pos, i - pos);
  // "m2"/"m3" (from "m²"/"m³") name units, not a unit and a number.
  if ((word == "m" || word == "mt") && (DigitAt(s, i) && (s[i] == '2' || s[i] == '3')) &&
      !DigitAt(s, i + 1)) {
    ++i;
  }
  return i;
}

Token MakeToken(TokenKind kind, std::string_view s, size_t begin, size_t end, bool glued) {
  Token token;
  token.kind = kind;
  token.text = std::string(s.substr(begin, end - begin));
  token.begin = begin;
  token.end = end;
  token.glued = glued;
  if (kind == TokenKind::kWord) {
    token.key = WordKey(token.text);
    if (token.text == "mt2" || token.text == "mt3") token.key = token.text == "mt2" ? "m2" : "m3";
  } else {
    token.key = token.text;
  }
  if (kind == TokenKind::kNumber) token.value = ParseNumeral(token.text);
  // Roman numerals name product grades: "CP II", "AC-III" read as "CP 2", "AC 3".
  if (kind == TokenKind::kWord &&
      (token.text == "ii" || token.text == "iii" || token.text == "iv")) {
    token.kind = TokenKind::kNumber;
    token.value = Quantity::Whole(token.text == "ii" ? 2 : token.text == "iii" ? 3 : 4);
    token.key = token.value->ToString();
  }
  return token;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  bool glued = false;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      glued = false;
      ++i;
      continue;
    }
    if (c == '\'' || c == '"') {
      ++i;
      continue;
    }
    size_t end = i + 1;
    TokenKind kind = TokenKind::kPunct;
    if (IsDigit(c)) {
      bool dimension = false;
      end = ScanNumber(s, i, &dimension);
      kind = dimension ? TokenKind::kDimension : TokenKind::kNumber;
    } else if (IsLetter(c)) {
      end = ScanWord(s, i);
      kind = TokenKind::kWord;
    } else if (c == '\n') {
      kind = TokenKind::kNewline;
    }
    tokens.push_back(MakeToken(kind, s, i, end, glued && !tokens.empty()));
    glued = kind != TokenKind::kNewline;
    i = end;
  }
  return tokens;
}

bool WordsAt(const std::vector<Token>& tokens, size_t i,
             std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (i >= tokens.size() || !tokens[i].IsWord(word)) return false;
    ++i;
  }
  return true;
}

}  // namespace orcazap::core

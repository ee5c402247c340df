#include "core/message_segments.h"

#include <algorithm>
#include <iterator>

#include "core/item_words.h"
#include "core/number_words.h"

namespace orcazap::core {
namespace {

bool IsCount(const Token& token) {
  return token.IsNumber() || (token.IsWord() && NumberWordValue(token.text).has_value());
}

bool IsLineStart(const std::vector<Token>& tokens, size_t i) {
  return i == 0 || tokens[i - 1].kind == TokenKind::kNewline;
}

// "sc.", "un.", "av.": a short word before a dot abbreviates; the sentence goes on.
bool EndsSentence(const std::vector<Token>& tokens, size_t i) {
  if (i == 0 || !tokens[i - 1].IsWord()) return true;
  return tokens[i - 1].text.size() > 3;
}

// Whether tokens[i] (a word "e" or "mais") joins two items rather than two numbers or words.
bool SplitsAtWord(const std::vector<Token>& tokens, size_t i) {
  const bool has_next = i + 1 < tokens.size();
  if (tokens[i].IsWord("mais")) return has_next && IsCount(tokens[i + 1]) && i > 0;
  if (!tokens[i].IsWord("e")) return false;
  if (!has_next || i == 0) return true;
  const Token& before = tokens[i - 1];
  const Token& after = tokens[i + 1];
  if (after.IsWord("meio") || after.IsWord("meia")) return false;  // "2 metros e meio"
  if (before.IsWord() && NumberWordValue(before.text) && after.IsWord() &&
      NumberWordValue(after.text) && before.text.size() > 4) {
    return false;  // "vinte e cinco"
  }
  return true;
}

char SplitKind(const std::vector<Token>& tokens, size_t i) {
  const Token& token = tokens[i];
  if (token.kind == TokenKind::kNewline) return '\n';
  if (token.kind == TokenKind::kPunct) {
    const char c = token.text[0];
    if (c == ',' || c == ';' || c == '+' || c == '?' || c == '!') return c;
    if (c == '.' && EndsSentence(tokens, i)) return '.';
    return 0;
  }
  if (token.IsWord() && SplitsAtWord(tokens, i)) return 'e';
  return 0;
}

bool IsBulletAt(const std::vector<Token>& tokens, size_t i) {
  if (!IsLineStart(tokens, i)) return false;
  const Token& token = tokens[i];
  if (token.IsPunct('-') || token.IsPunct('*') || token.IsPunct('>')) return true;
  return token.IsNumber() && i + 1 < tokens.size() &&
         (tokens[i + 1].IsPunct(')') ||
          (tokens[i + 1].IsPunct('.') && i + 2 < tokens.size() && tokens[i + 2].IsNumber()) ||
          (tokens[i + 1].IsPunct('-') && i + 2 < tokens.size() && IsCount(tokens[i + 2])));
}

// Whether an address goes on after a comma or dash: "Rua X, 123", "..., apto 4".
bool AddressContinues(const std::vector<Token>& tokens, size_t i) {
  if (i + 1 >= tokens.size()) return false;
  const Token& next = tokens[i + 1];
  if (next.IsNumber()) return true;
  static constexpr std::string_view kParts[] = {
      "apto", "ap", "casa",   "bloco", "bl",    "lote", "quadra", "qd",     "numero",
      "n",    "no", "fundos", "sala",  "andar", "lt",   "km",     "esquina"};
  return next.IsWord() &&
         (std::find(std::begin(kParts), std::end(kParts), next.text) != std::end(kParts) ||
          IsAddressWord(next.text));
}

bool EndsAddress(const std::vector<Token>& tokens, size_t i) {
  const Token& token = tokens[i];
  if (token.kind == TokenKind::kNewline || token.IsPunct('!') || token.IsPunct('?') ||
      token.IsPunct(';')) {
    return true;
  }
  if (token.IsPunct('.')) return EndsSentence(tokens, i);
  if (token.IsPunct(',') || token.IsPunct('-')) return !AddressContinues(tokens, i);
  return token.IsWord("bairro") || token.IsWord("cep") || token.IsWord("e");
}

}  // namespace

std::vector<Segment> SplitSegments(const std::vector<Token>& tokens) {
  std::vector<Segment> segments;
  Segment current;
  bool line_bullet = !tokens.empty() && IsBulletAt(tokens, 0);
  current.bullet = line_bullet;
  for (size_t i = 0; i <= tokens.size(); ++i) {
    const char kind = i == tokens.size() ? '\n' : SplitKind(tokens, i);
    if (kind == 0) continue;
    current.end = i;
    current.question = kind == '?';
    if (current.end > current.begin) segments.push_back(current);
    const bool new_line = kind == '\n';
    const size_t line = current.line + (new_line ? 1 : 0);
    if (new_line) line_bullet = i + 1 < tokens.size() && IsBulletAt(tokens, i + 1);
    const bool continues = kind == ',' || kind == ';' || kind == '+' || kind == 'e';
    current = Segment{i + 1, i + 1, line, false, line_bullet, continues};
  }
  return segments;
}

void MaskAddressesAndNumbering(const std::vector<Token>& tokens, std::vector<bool>* available) {
  bool masking = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (masking && EndsAddress(tokens, i)) masking = false;
    if (token.IsWord() && IsAddressWord(token.text)) {
      const bool dotted = i + 1 < tokens.size() && tokens[i + 1].IsPunct('.');
      masking = masking || token.text.size() > 2 || dotted || token.text == "av";
    }
    if (IsBulletAt(tokens, i) && token.IsNumber()) (*available)[i] = false;
    if (masking) (*available)[i] = false;
  }
}

void MaskPhoneNumbers(const std::vector<Token>& tokens, std::vector<bool>* available) {
  constexpr std::string_view kLinking[] = {"e", "eh", "o", "meu", "do", "da", "no", "pelo", "fixo"};
  constexpr size_t kMaxLinking = 3;
  constexpr size_t kMinDigits = 8;  // a local landline; with area and country codes, up to 13
  auto linking = [&](const Token& token) {
    return token.IsPunct(':') ||
           (token.IsWord() &&
            std::find(std::begin(kLinking), std::end(kLinking), token.text) != std::end(kLinking));
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].IsWord() || !IsContactWord(tokens[i].text)) continue;
    size_t first = i + 1;
    for (size_t skipped = 0; first < tokens.size() && skipped < kMaxLinking; ++first, ++skipped) {
      if (!linking(tokens[first])) break;
    }
    size_t digits = 0;
    size_t end = first;  // one past the run's last number
    for (size_t k = first; k < tokens.size(); ++k) {
      const Token& token = tokens[k];
      if (token.IsNumber()) {
        digits += std::count_if(token.text.begin(), token.text.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
        end = k + 1;
      } else if (!(token.IsPunct('-') || token.IsPunct('(') || token.IsPunct(')') ||
                   token.IsPunct('+') || token.IsPunct('.'))) {
        break;
      }
    }
    if (digits < kMinDigits) continue;
    for (size_t k = first; k < end; ++k) (*available)[k] = false;
    i = end - 1;
  }
}

}  // namespace orcazap::core

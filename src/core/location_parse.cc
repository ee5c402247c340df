#include "core/location_parse.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/word_forms.h"

namespace orcazap::core {
namespace {

constexpr size_t kMaxBairroWords = 4;

constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
    {"jd", "jardim"},       {"jdm", "jardim"},        {"jard", "jardim"}, {"vl", "vila"},
    {"pq", "parque"},       {"pque", "parque"},       {"sta", "santa"},   {"sto", "santo"},
    {"res", "residencial"}, {"resid", "residencial"}, {"cj", "conjunto"}, {"conj", "conjunto"},
    {"sra", "senhora"},     {"cid", "cidade"},
};

constexpr std::string_view kBairroStarts[] = {"jardim",   "vila",     "parque",     "residencial",
                                              "conjunto", "chacara",  "recanto",    "setor",
                                              "nucleo",   "conjunto", "loteamento", "jardins"};

constexpr std::string_view kBeforeBairro[] = {"no",     "na", "pro", "pra",  "em",   "o",   "a",
                                              "bairro", "ao", "ate", "para", "pelo", "pela"};

// Words that end a bairro name the customer writes freely.
constexpr std::string_view kNameStops[] = {
    "entrega",   "entregar", "entregue", "pra",     "para",   "pro",     "amanha",   "hoje",
    "pagamento", "pagar",    "pago",     "pix",     "cartao", "boleto",  "dinheiro", "cep",
    "rua",       "e",        "com",      "que",     "quero",  "preciso", "por",      "favor",
    "obrigado",  "ok",       "perto",    "proximo", "aqui",   "ai",      "la",       "mesmo",
    "na",        "no",       "em",       "sim",     "nao",    "ate",     "urgente",  "quanto",
    "qual",      "tem",      "vcs",      "voces",   "sera",   "fica"};

std::string Expand(std::string_view word) {
  for (const auto& [abbreviation, full] : kAbbreviations) {
    if (word == abbreviation) return std::string(full);
  }
  return std::string(word);
}

bool IsAllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> CepAt(const std::vector<Token>& tokens, size_t i, size_t* last) {
  const Token& token = tokens[i];
  if (!token.IsNumber()) return std::nullopt;
  std::string digits = token.text;
  if (digits.size() == 9 && digits[5] == '.') digits.erase(5, 1);
  if (IsAllDigits(digits) && digits.size() == 8) {
    *last = i;
    return digits;
  }
  if (!IsAllDigits(token.text) || token.text.size() != 5) return std::nullopt;
  size_t j = i + 1;
  if (j < tokens.size() && tokens[j].IsPunct('-')) ++j;
  if (j >= tokens.size() || !IsAllDigits(tokens[j].text) || tokens[j].text.size() != 3) {
    return std::nullopt;
  }
  *last = j;
  return token.text + tokens[j].text;
}

std::vector<std::string> BairroWords(const std::string& bairro) {
  std::vector<std::string> words;
  for (const Token& token : Tokenize(Fold(bairro))) {
    if (token.kind == TokenKind::kPunct) continue;
    if (token.IsWord() && IsGlueWord(token.text)) continue;
    words.push_back(token.text);
  }
  return words;
}

bool Skippable(const Token& token) {
  return (token.IsWord() && IsGlueWord(token.text)) || token.IsPunct('.');
}

// The last token of `words` found at tokens[i..], or nullopt.
std::optional<size_t> MatchWordsAt(const std::vector<Token>& tokens, size_t i,
                                   const std::vector<std::string>& words) {
  size_t k = i;
  for (size_t w = 0; w < words.size(); ++w, ++k) {
    while (w > 0 && k < tokens.size() && Skippable(tokens[k])) ++k;
    if (k >= tokens.size() || tokens[k].kind == TokenKind::kPunct) return std::nullopt;
    const std::string word = Expand(tokens[k].text);
    if (word != words[w] && !FuzzyWordMatch(word, words[w])) return std::nullopt;
  }
  return k - 1;
}

struct Found {
  std::string bairro;
  size_t first = 0;
  size_t last = 0;
};

std::optional<Found> RuleBairro(const std::vector<Token>& tokens,
                                const std::vector<FreightRule>& rules) {
  std::optional<Found> best;
  size_t best_words = 0;
  for (const FreightRule& rule : rules) {
    if (!rule.bairro) continue;
    const std::vector<std::string> words = BairroWords(*rule.bairro);
    if (words.empty() || words.size() <= best_words) continue;
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (const std::optional<size_t> last = MatchWordsAt(tokens, i, words)) {
        best = Found{*rule.bairro, i, *last};
        best_words = words.size();
        break;
      }
    }
  }
  return best;
}

bool IsNameStop(const Token& token) {
  return !token.IsWord() || std::find(std::begin(kNameStops), std::end(kNameStops), token.text) !=
                                std::end(kNameStops);
}

// Words of a freely written name starting at tokens[i]; returns its last token or nullopt.
std::optional<size_t> NameEnd(const std::vector<Token>& tokens, size_t i) {
  std::optional<size_t> last;
  size_t words = 0;
  for (size_t k = i; k < tokens.size() && words < kMaxBairroWords; ++k) {
    if (tokens[k].IsPunct('.') && last) continue;
    if (IsNameStop(tokens[k])) break;
    ++words;
    if (!IsGlueWord(tokens[k].text)) last = k;
  }
  return last;
}

std::optional<Found> WrittenBairro(std::string_view message, const FoldedText& folded,
                                   const std::vector<Token>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool keyword = tokens[i].IsWord("bairro") || tokens[i].IsWord("bairo");
    const std::string word = Expand(tokens[i].text);
    const bool starts = std::find(std::begin(kBairroStarts), std::end(kBairroStarts), word) !=
                        std::end(kBairroStarts);
    const bool placed = i == 0 || tokens[i - 1].kind == TokenKind::kNewline ||
                        std::find(std::begin(kBeforeBairro), std::end(kBeforeBairro),
                                  tokens[i - 1].text) != std::end(kBeforeBairro);
    if (!keyword && !(starts && placed)) continue;
    size_t from = keyword ? i + 1 : i;
    if (from < tokens.size() && tokens[from].IsPunct(':')) ++from;
    const std::optional<size_t> last = NameEnd(tokens, from);
    if (!last || (!keyword && *last == from)) continue;
    const std::string_view text = folded.Original(message, tokens[from].begin, tokens[*last].end);
    return Found{std::string(text), i, *last};
  }
  return std::nullopt;
}

void Claim(size_t first, size_t last, std::vector<bool>* claimed) {
  for (size_t k = first; k <= last; ++k) (*claimed)[k] = true;
}

}  // namespace

std::optional<Location> FindLocation(std::string_view message, const FoldedText& folded,
                                     const std::vector<Token>& tokens,
                                     const std::vector<FreightRule>& rules,
                                     std::vector<bool>* claimed) {
  Location location;
  for (size_t i = 0; i < tokens.size() && !location.cep; ++i) {
    size_t last = i;
    if (std::optional<std::string> cep = CepAt(tokens, i, &last)) {
      location.cep = std::move(cep);
      Claim(i > 0 && tokens[i - 1].IsWord("cep") ? i - 1 : i, last, claimed);
    }
  }
  std::optional<Found> bairro = RuleBairro(tokens, rules);
  if (!bairro) bairro = WrittenBairro(message, folded, tokens);
  if (bairro) {
    location.bairro = bairro->bairro;
    const bool keyword = bairro->first > 0 && tokens[bairro->first - 1].IsWord("bairro");
    Claim(keyword ? bairro->first - 1 : bairro->first, bairro->last, claimed);
  }
  if (!location.cep && !location.bairro) return std::nullopt;
  return location;
}

}  // namespace orcazap::core

#include "core/word_forms.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

namespace orcazap::core {
namespace {

bool EndsWith(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

bool IsAlpha(std::string_view word) {
  return std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Spellings → the key they share. Checked on the singular form.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"sc", "saco"},
    {"sco", "saco"},
    {"scs", "saco"},
    {"saca", "saco"},
    {"metro", "m"},
    {"mt", "m"},
    {"mts", "m"},
    {"mtr", "m"},
    {"mtrs", "m"},
    {"litro", "l"},
    {"lt", "l"},
    {"lts", "l"},
    {"ltr", "l"},
    {"unidade", "un"},
    {"und", "un"},
    {"unid", "un"},
    {"unds", "un"},
    {"pcts", "pacote"},
    {"un", "un"},
    {"peca", "un"},
    {"pc", "un"},
    {"pcs", "un"},
    {"pca", "un"},
    {"quilo", "kg"},
    {"kilo", "kg"},
    {"kgs", "kg"},
    {"quilograma", "kg"},
    {"kilograma", "kg"},
    {"milheiro", "milheiro"},
    {"milheir", "milheiro"},
    {"milimetro", "mm"},
    {"centimetro", "cm"},
    {"polegada", "pol"},
    {"cx", "caixa"},
    {"lata", "lata"},
    {"br", "barra"},
    {"tonelada", "t"},
    {"ton", "t"},
    {"dagua", "agua"},
    {"duzia", "duzia"},
    {"pacote", "pacote"},
    {"pct", "pacote"},
    {"galao", "galao"},
    {"cubico", "cubico"},
};

constexpr std::string_view kQuantityUnits[] = {
    "saco", "m",     "m2",   "m3",    "un",    "kg",    "l",      "milheiro", "duzia",
    "lata", "barra", "rolo", "galao", "caixa", "balde", "pacote", "t"};

constexpr std::string_view kDimensionUnits[] = {"kg", "mm", "cm", "l", "ml", "g", "pol", "w", "v"};

constexpr std::string_view kGlueWords[] = {
    "de",  "do",  "da",   "dos", "das", "d",      "o",    "a",   "os",   "as",   "com",  "para",
    "pra", "pro", "tipo", "tb",  "tbm", "tambem", "mais", "uns", "umas", "esse", "essa", "aquele"};

// Frequent words one typo away from common products ("tinha"/"tinta", "tudo"/"tubo").
constexpr std::string_view kNeverFuzzy[] = {"tinha", "tanta", "tanto",  "minha", "linha", "manha",
                                            "pode",  "pedi",  "certo",  "cedo",  "tudo",  "caro",
                                            "carro", "mesmo", "ferias", "tenho"};

}  // namespace

std::string Singular(std::string_view word) {
  std::string w(word);
  if (w.size() < 4 || !IsAlpha(w) || w.back() != 's') return w;
  const size_t n = w.size();
  if (EndsWith(w, "oes") || EndsWith(w, "aes") || EndsWith(w, "aos"))
    return w.substr(0, n - 3) + "ao";
  if (EndsWith(w, "ais") || EndsWith(w, "eis") || EndsWith(w, "ois") || EndsWith(w, "uis")) {
    return w.substr(0, n - 2) + "l";
  }
  if (EndsWith(w, "is") && !IsVowel(w[n - 3])) return w.substr(0, n - 2) + "il";
  if (EndsWith(w, "ns")) return w.substr(0, n - 2) + "m";
  if (n >= 5 && (EndsWith(w, "res") || EndsWith(w, "zes"))) return w.substr(0, n - 2);
  if (IsVowel(w[n - 2])) return w.substr(0, n - 1);
  return w;
}

std::string WordKey(std::string_view word) {
  std::string singular = Singular(word);
  for (const auto& [spelling, key] : kSynonyms) {
    if (singular == spelling || word == spelling) return std::string(key);
  }
  return singular;
}

std::optional<std::string_view> QuantityUnit(std::string_view key) {
  for (std::string_view unit : kQuantityUnits) {
    if (unit == key) return unit;
  }
  return std::nullopt;
}

bool IsDimensionUnit(std::string_view key) {
  return std::find(std::begin(kDimensionUnits), std::end(kDimensionUnits), key) !=
         std::end(kDimensionUnits);
}

bool IsGlueWord(std::string_view word) {
  return std::find(std::begin(kGlueWords), std::end(kGlueWords), word) != std::end(kGlueWords);
}

int BoundedEditDistance(std::string_view a, std::string_view b, int max_distance) {
  constexpr size_t kMaxLength = 31;  // longer words are compared exactly
  if (a.size() > kMaxLength || b.size() > kMaxLength) return a == b ? 0 : max_distance + 1;
  const int la = static_cast<int>(a.size());
  const int lb = static_cast<int>(b.size());
  if (std::abs(la - lb) > max_distance) return max_distance + 1;
  int d[kMaxLength + 1][kMaxLength + 1];
  for (int i = 0; i <= la; ++i) d[i][0] = i;
  for (int j = 0; j <= lb; ++j) d[0][j] = j;
  for (int i = 1; i <= la; ++i) {
    int row_min = d[i][0];
    for (int j = 1; j <= lb; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
      row_min = std::min(row_min, d[i][j]);
    }
    if (row_min > max_distance) return max_distance + 1;
  }
  return std::min(d[la][lb], max_distance + 1);
}

std::optional<int> FuzzyWordMatch(std::string_view customer, std::string_view catalog) {
  if (customer == catalog) return 0;
  if (!IsAlpha(customer) || !IsAlpha(catalog) || customer.size() < 5) return std::nullopt;
  if (customer.front() != catalog.front()) return std::nullopt;
  if (std::find(std::begin(kNeverFuzzy), std::end(kNeverFuzzy), customer) !=
      std::end(kNeverFuzzy)) {
    return std::nullopt;
  }
  const int allowed = catalog.size() >= 8 ? 2 : catalog.size() >= 5 ? 1 : 0;
  if (allowed == 0) return std::nullopt;
  const int distance = BoundedEditDistance(customer, catalog, allowed);
  if (distance > allowed) return std::nullopt;
  return distance;
}

}  // namespace orcazap::core

#include "core/delivery_parse.h"

#include <algorithm>
#include <array>
#include <string>

#include "core/payment_parse.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

struct Mention {
  std::optional<CivilDate> date;  // unset: asap
  size_t last = 0;                // last token used
  bool range = false;             // "seg a sex": opening days, not a delivery day
};

constexpr std::string_view kWeekdays[] = {"domingo", "segunda", "terca", "quarta",
                                          "quinta",  "sexta",   "sabado"};
// WhatsApp abbreviations, same order. "dom" (Dom Pedro), "ter" (to have) and "sex" are common
// words: they only count where a day is expected (see DayIsExpected).
constexpr std::string_view kWeekdayShort[] = {"dom", "seg", "ter", "qua", "qui", "sex", "sab"};
constexpr std::string_view kAmbiguousShort[] = {"dom", "ter", "sex"};

// Words after which a day is expected: "entrega na sex", "ate ter", "qui ou sex". "pra ter"
// and "pode ser" are too common with the verb to announce "ter".
constexpr std::string_view kBeforeDay[] = {"na", "ate", "ou", "entrega", "entregar", "proxima"};
constexpr std::string_view kBeforeSex[] = {"pra", "p", "para", "ser", "e", "dia"};

constexpr std::string_view kToday[] = {"hoje", "hj", "hje", "hoj"};
constexpr std::string_view kTomorrow[] = {"amanha", "amnh", "amn", "amh", "amnha", "amanh"};
constexpr std::string_view kAfter[] = {"depois", "dps", "dpois", "dep"};
constexpr std::string_view kMonths[] = {"janeiro",  "fevereiro", "marco",    "abril",
                                        "maio",     "junho",     "julho",    "agosto",
                                        "setembro", "outubro",   "novembro", "dezembro"};

// Phrases meaning "as soon as possible", as folded words.
const std::vector<std::vector<std::string_view>>& AsapPhrases() {
  static const std::vector<std::vector<std::string_view>> phrases = {{"urgente"},
                                                                     {"urgencia"},
                                                                     {"urgentemente"},
                                                                     {"quanto", "antes"},
                                                                     {"mais", "rapido"},
                                                                     {"mais", "breve"},
                                                                     {"mais", "cedo"},
                                                                     {"assim", "que", "puder"},
                                                                     {"assim", "que", "possivel"},
                                                                     {"assim", "que", "der"},
                                                                     {"logo", "que", "puder"},
                                                                     {"imediato"},
                                                                     {"imediatamente"},
                                                                     {"pra", "ja"},
                                                                     {"para", "ja"},
                                                                     {"rapidinho"},
                                                                     {"asap"},
                                                                     {"com", "pressa"},
                                                                     {"quanto", "mais", "rapido"},
                                                                     {"quando", "puder"},
                                                                     {"qdo", "puder"},
                                                                     {"qnd", "puder"},
                                                                     {"qndo", "puder"},
                                                                     {"quando", "der"},
                                                                     {"qdo", "der"}};
  return phrases;
}

int Number(const Token& token) {
  if (!token.IsNumber() || !token.value || !token.value->is_whole()) return -1;
  return static_cast<int>(token.value->milli() / 1000);
}

int MonthAt(const std::vector<Token>& tokens, size_t i) {
  if (i >= tokens.size() || !tokens[i].IsWord()) return 0;
  for (size_t m = 0; m < std::size(kMonths); ++m) {
    if (tokens[i].text == kMonths[m] || FuzzyWordMatch(tokens[i].text, kMonths[m])) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

// The next day/month on or after today.
std::optional<CivilDate> NextDayMonth(CivilDate today, int day, int month) {
  for (int year = today.year; year <= today.year + 4; ++year) {
    const CivilDate date{year, month, day};
    if (date.IsValid() && date >= today) return date;
  }
  return std::nullopt;
}

// The next day-of-month on or after today.
std::optional<CivilDate> NextDayOfMonth(CivilDate today, int day) {
  CivilDate date{today.year, today.month, day};
  for (int step = 0; step < 13; ++step) {
    if (date.IsValid() && date >= today) return date;
    date.month = date.month == 12 ? 1 : date.month + 1;
    if (date.month == 1) ++date.year;
  }
  return std::nullopt;
}

template <typename List>
bool In(const List& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool IsWordIn(const std::vector<Token>& tokens, size_t i, const auto& list) {
  return i < tokens.size() && tokens[i].IsWord() && In(list, tokens[i].text);
}

bool IsTomorrow(const std::vector<Token>& tokens, size_t i) {
  return IsWordIn(tokens, i, kTomorrow) ||
         (i < tokens.size() && tokens[i].IsWord() && FuzzyWordMatch(tokens[i].text, "amanha"));
}

// "quanto tá o cimento hoje?": today's price, not a delivery day. A price word before "hoje"
// in its sentence with no word about delivery between them.
bool IsPriceToday(const std::vector<Token>& tokens, size_t i) {
  static constexpr std::string_view kPrice[] = {"quanto", "qto",   "qnto",    "preco",
                                                "valor",  "custa", "custando"};
  static constexpr std::string_view kDelivery[] = {
      "entrega", "entregar", "entregam", "chega", "chegar", "pra", "p", "para", "ate"};
  for (size_t back = i; back > 0; --back) {
    const Token& token = tokens[back - 1];
    if (token.kind == TokenKind::kNewline || token.IsPunct('?') || token.IsPunct('.') ||
        token.IsPunct(',') || token.IsPunct('!')) {
      return false;
    }
    if (token.IsWord() && In(kDelivery, token.text)) return false;
    if (token.IsWord() && In(kPrice, token.text)) return true;
  }
  return false;
}

std::optional<Mention> RelativeDay(const std::vector<Token>& tokens, size_t i, CivilDate today) {
  if (IsWordIn(tokens, i, kAfter)) {  // "depois de amanhã", "dps d amanha", "dps amanha"
    size_t at = i + 1;
    if (IsWordIn(tokens, at, std::array<std::string_view, 2>{"de", "d"})) ++at;
    if (IsTomorrow(tokens, at)) return Mention{today.AddDays(2), at};
    return std::nullopt;
  }
  if (IsWordIn(tokens, i, kToday) && !IsPriceToday(tokens, i)) return Mention{today, i};
  if (IsTomorrow(tokens, i)) return Mention{today.AddDays(1), i};
  return std::nullopt;
}

bool DayIsExpected(const std::vector<Token>& tokens, size_t i) {
  const bool feira =
      (i + 1 < tokens.size() && tokens[i + 1].IsWord("feira")) ||
      (i + 2 < tokens.size() && tokens[i + 1].IsPunct('-') && tokens[i + 2].IsWord("feira"));
  if (feira || (i > 0 && IsWordIn(tokens, i - 1, kBeforeDay))) return true;
  return tokens[i].text == "sex" && i > 0 && IsWordIn(tokens, i - 1, kBeforeSex);
}

// The weekday (0 = Sunday) tokens[i] names, full or abbreviated.
std::optional<size_t> WeekdayIndex(const std::vector<Token>& tokens, size_t i) {
  const std::string& word = tokens[i].text;
  for (size_t w = 0; w < std::size(kWeekdays); ++w) {
    if (word == kWeekdays[w]) return w;
    if (word != kWeekdayShort[w]) continue;
    if (!In(kAmbiguousShort, word) || DayIsExpected(tokens, i)) return w;
  }
  return std::nullopt;
}

// The last token of a weekday name at tokens[i]: "segunda", "segunda-feira", "seg feira".
size_t AfterFeira(const std::vector<Token>& tokens, size_t i) {
  size_t last = i;
  if (last + 1 < tokens.size() && tokens[last + 1].IsPunct('-')) ++last;
  if (last + 1 < tokens.size() && tokens[last + 1].IsWord("feira")) ++last;
  return last;
}

std::optional<Mention> Weekday(const std::vector<Token>& tokens, size_t i, CivilDate today) {
  if (!tokens[i].IsWord()) return std::nullopt;
  const std::optional<size_t> w = WeekdayIndex(tokens, i);
  if (!w) return std::nullopt;
  long ahead = (static_cast<long>(*w) - today.Weekday() + 7) % 7;
  if (ahead == 0) ahead = 7;
  const size_t last = AfterFeira(tokens, i);
  if (IsWordIn(tokens, last + 1, std::array<std::string_view, 2>{"a", "ate"}) &&
      (IsWordIn(tokens, last + 2, kWeekdays) || IsWordIn(tokens, last + 2, kWeekdayShort))) {
    return Mention{std::nullopt, AfterFeira(tokens, last + 2), true};
  }
  return Mention{today.AddDays(ahead), last};
}

std::optional<Mention> SlashDate(
    const std::vector<Token>& tokens, size_t i, CivilDate today,
    const std::function<bool(std::string_view)>& is_product_dimension) {
  const Token& token = tokens[i];
  if (token.kind != TokenKind::kDimension || token.text.find('x') != std::string::npos) {
    return std::nullopt;
  }
  std::array<int, 3> parts = {-1, -1, -1};
  size_t count = 0;
  for (size_t pos = 0; pos <= token.text.size() && count < 4;) {
    const size_t slash = std::min(token.text.find('/', pos), token.text.size());
    if (count == 3 || slash - pos > 4) return std::nullopt;
    parts[count++] = std::stoi(token.text.substr(pos, slash - pos));
    pos = slash + 1;
  }
  const bool after_dia = i > 0 && tokens[i - 1].IsWord("dia");
  const bool fraction = count == 2 && parts[0] < parts[1] && parts[1] <= 4;  // "1/2 metro"
  if (count == 2 && !after_dia && (fraction || is_product_dimension(token.text))) {
    return std::nullopt;
  }
  if (count == 2) {
    const std::optional<CivilDate> date = NextDayMonth(today, parts[0], parts[1]);
    if (!date) return std::nullopt;
    return Mention{date, i};
  }
  const int year = parts[2] < 100 ? 2000 + parts[2] : parts[2];
  const CivilDate date{year, parts[1], parts[0]};
  if (!date.IsValid()) return std::nullopt;
  return Mention{date, i};
}

// "dia 15", "15 de janeiro", "dia 15 de janeiro".
std::optional<Mention> DayNumber(const std::vector<Token>& tokens, size_t i, CivilDate today) {
  const bool dia = tokens[i].IsWord("dia");
  const size_t at = dia ? i + 1 : i;
  if (at >= tokens.size()) return std::nullopt;
  const int day = Number(tokens[at]);
  if (day < 1 || day > 31) return std::nullopt;
  if (at + 2 < tokens.size() && tokens[at + 1].IsWord("de")) {
    if (const int month = MonthAt(tokens, at + 2)) {
      const std::optional<CivilDate> date = NextDayMonth(today, day, month);
      if (date) return Mention{date, at + 2};
    }
  }
  if (!dia) return std::nullopt;
  const std::optional<CivilDate> date = NextDayOfMonth(today, day);
  if (!date) return std::nullopt;
  return Mention{date, at};
}

std::optional<Mention> Asap(const std::vector<Token>& tokens, size_t i) {
  for (const auto& phrase : AsapPhrases()) {
    bool all = true;
    for (size_t k = 0; k < phrase.size() && all; ++k) {
      all = i + k < tokens.size() && tokens[i + k].IsWord(phrase[k]);
    }
    if (all) return Mention{std::nullopt, i + phrase.size() - 1};
  }
  return std::nullopt;
}

std::optional<Mention> MentionAt(const std::vector<Token>& tokens, size_t i, CivilDate today,
                                 const std::function<bool(std::string_view)>& is_dimension) {
  if (auto mention = RelativeDay(tokens, i, today)) return mention;
  if (auto mention = Weekday(tokens, i, today)) return mention;
  if (auto mention = SlashDate(tokens, i, today, is_dimension)) return mention;
  if (auto mention = DayNumber(tokens, i, today)) return mention;
  return Asap(tokens, i);
}

bool NegatedAfter(const std::vector<Token>& tokens, size_t last) {
  return last + 1 < tokens.size() && tokens[last + 1].IsWord("nao");
}

}  // namespace

std::optional<Delivery> FindDelivery(
    const std::vector<Token>& tokens, CivilDate today,
    const std::function<bool(std::string_view)>& is_product_dimension, std::vector<bool>* claimed) {
  std::optional<Delivery> date;
  bool asap = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::optional<Mention> mention = MentionAt(tokens, i, today, is_product_dimension);
    if (!mention) continue;
    if (mention->range) {
      i = mention->last;
      continue;
    }
    for (size_t k = i; k <= mention->last; ++k) (*claimed)[k] = true;
    if (i > 0 && tokens[i - 1].IsWord("dia")) (*claimed)[i - 1] = true;
    const bool negated = IsNegated(tokens, i) || NegatedAfter(tokens, mention->last);
    const bool past = mention->date && *mention->date < today;  // rule 3: not understood
    if (!negated && !past && mention->date && !date) date = Delivery{false, mention->date};
    if (!negated && !mention->date) asap = true;
    i = mention->last;
  }
  if (date) return date;
  if (asap) return Delivery{true, std::nullopt};
  return std::nullopt;
}

}  // namespace orcazap::core

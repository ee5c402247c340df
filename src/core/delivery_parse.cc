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
};

constexpr std::string_view kWeekdays[] = {"domingo", "segunda", "terca", "quarta",
                                          "quinta",  "sexta",   "sabado"};
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
                                                                     {"quanto", "mais", "rapido"}};
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

std::optional<Mention> RelativeDay(const std::vector<Token>& tokens, size_t i, CivilDate today) {
  if (WordsAt(tokens, i, {"depois", "de", "amanha"})) return Mention{today.AddDays(2), i + 2};
  if (tokens[i].IsWord("hoje")) return Mention{today, i};
  if (tokens[i].IsWord() && FuzzyWordMatch(tokens[i].text, "amanha")) {
    return Mention{today.AddDays(1), i};
  }
  return std::nullopt;
}

std::optional<Mention> Weekday(const std::vector<Token>& tokens, size_t i, CivilDate today) {
  if (!tokens[i].IsWord()) return std::nullopt;
  for (size_t w = 0; w < std::size(kWeekdays); ++w) {
    if (tokens[i].text != kWeekdays[w]) continue;
    long ahead = (static_cast<long>(w) - today.Weekday() + 7) % 7;
    if (ahead == 0) ahead = 7;
    size_t last = i;
    if (last + 1 < tokens.size() && tokens[last + 1].IsPunct('-')) ++last;
    if (last + 1 < tokens.size() && tokens[last + 1].IsWord("feira")) ++last;
    return Mention{today.AddDays(ahead), last};
  }
  return std::nullopt;
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
    for (size_t k = i; k <= mention->last; ++k) (*claimed)[k] = true;
    if (i > 0 && tokens[i - 1].IsWord("dia")) (*claimed)[i - 1] = true;
    const bool negated = IsNegated(tokens, i) || NegatedAfter(tokens, mention->last);
    if (!negated && mention->date && !date) date = Delivery{false, mention->date};
    if (!negated && !mention->date) asap = true;
    i = mention->last;
  }
  if (date) return date;
  if (asap) return Delivery{true, std::nullopt};
  return std::nullopt;
}

}  // namespace orcazap::core

// ClassifyReply (declared in extraction.h): how a customer answers a quote.
//
// Conservative by design: only a short answer that clearly says yes, or clearly says no, is
// classified; a question, a condition ("sim, mas..."), a hesitation ("vou pensar"), a change
// to the order (any number) or a mix of yes and no is kOther, for a person to read. "mais"
// after a no means "any more" ("não quero mais"), not "more of it". A lone "ok" confirms.

#include <algorithm>
#include <string_view>

#include "core/extraction.h"
#include "core/text_fold.h"
#include "core/token.h"

namespace orcazap::core {
namespace {

constexpr size_t kMaxWords = 12;
constexpr size_t kMaxUnknownWords = 3;

constexpr std::string_view kConfirm[] = {
    "sim",        "s",        "ss",        "sss",        "simm",      "simmm",    "confirmo",
    "confirmado", "confirma", "confirmar", "confirmada", "fechado",   "fechar",   "fecha",
    "fechou",     "fechamos", "ok",        "okay",       "okk",       "blz",      "beleza",
    "bora",       "vamos",    "quero",     "pode",       "mandar",    "manda",    "envia",
    "enviar",     "perfeito", "show",      "top",        "combinado", "positivo", "claro",
    "isso",       "aceito",   "aprovado",  "certo",      "otimo",     "joia",     "yes",
    "uhum",       "aham",     "dale",      "demorou",    "fechada",   "ser",      "pode",
    "favor",      "querer",   "vou",       "levar",      "levo",      "fazer",    "faz",
    "pedido",     "segue",    "seguir",    "prosseguir", "autorizo",  "vamo",     "partiu"};

constexpr std::string_view kDecline[] = {"nao",       "n",        "nn",       "nop",     "nope",
                                         "negativo",  "desisto",  "desistir", "cancela", "cancelar",
                                         "cancelado", "dispenso", "deixa",    "proxima", "nunca",
                                         "jamais",    "esquece",  "esqueca"};

// Words that make a short answer undecided or conditional.
constexpr std::string_view kHesitation[] = {
    "mas",     "porem",    "se",          "trocar",    "troca", "mudar",  "desconto", "menos",
    "alterar", "duvida",   "quanto",      "qual",      "como",  "quando", "onde",     "pq",
    "porque",  "pensar",   "sei",         "talvez",    "ainda", "depois", "antes",    "frete",
    "consigo", "consegue", "acrescentar", "adicionar", "tirar", "sem",    "ver",      "vendo",
    "esposa",  "marido",   "falar",       "melhor",    "outro", "outra",  "mais",     "so"};

// Words that say nothing either way.
constexpr std::string_view kNeutral[] = {
    "obrigado",  "obrigada", "obg",   "valeu",  "vlw",     "entao", "ai",    "por",   "a",
    "o",         "e",        "de",    "pra",    "la",      "voce",  "vc",    "amigo", "bom",
    "dia",       "tarde",    "noite", "muito",  "mto",     "mt",    "pode",  "tudo",  "certo",
    "brigado",   "agradeco", "eu",    "ja",     "entrega", "pro",   "caro",  "ta",    "esta",
    "obrigadao", "gracas",   "sim",   "senhor", "senhora", "moco",  "amiga", "hoje",  "agora",
    "oi",        "ola",      "opa",   "bem",    "querer",  "quero", "no",    "me",    "um",
    "uma",       "abraco",   "abs",   "att",    "mesmo",   "ficou", "fica",  "mandar"};

template <typename List>
bool In(const List& list, std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

struct Counts {
  int confirm = 0;
  int decline = 0;
  int hesitation = 0;
  size_t unknown = 0;
};

Counts CountWords(const std::vector<Token>& words) {
  Counts counts;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i].text;
    const bool after_no = i > 0 && In(kDecline, words[i - 1].text);
    if (word == "mais" && counts.decline > 0) continue;  // "não quero mais": no longer
    if (In(kHesitation, word)) {
      ++counts.hesitation;
    } else if (In(kDecline, word)) {
      ++counts.decline;
    } else if (In(kConfirm, word) && !after_no) {
      ++counts.confirm;
    } else if (!In(kNeutral, word) && !(In(kConfirm, word) && after_no)) {
      ++counts.unknown;
    }
  }
  return counts;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

ReplyIntent ClassifyReply(std::string_view message) {
  const bool thumbs_up = Contains(message, "\xF0\x9F\x91\x8D") ||    // 👍
                         Contains(message, "\xE2\x9C\x85") ||        // ✅
                         Contains(message, "\xF0\x9F\x91\x8C") ||    // 👌
                         Contains(message, "\xF0\x9F\xA4\x9D");      // 🤝
  const bool thumbs_down = Contains(message, "\xF0\x9F\x91\x8E") ||  // 👎
                           Contains(message, "\xE2\x9D\x8C");        // ❌
  std::vector<Token> words;
  for (Token& token : Tokenize(Fold(message))) {
    if (token.IsPunct('?')) return ReplyIntent::kOther;
    if (token.IsNumber() || token.kind == TokenKind::kDimension) return ReplyIntent::kOther;
    if (token.IsWord()) words.push_back(std::move(token));
  }
  if (words.size() > kMaxWords) return ReplyIntent::kOther;
  Counts counts = CountWords(words);
  if (thumbs_up) ++counts.confirm;
  if (thumbs_down) ++counts.decline;
  if (counts.hesitation > 0 || counts.unknown > kMaxUnknownWords) return ReplyIntent::kOther;
  if (counts.decline > 0 && counts.confirm == 0) return ReplyIntent::kDecline;
  if (counts.confirm > 0 && counts.decline == 0) return ReplyIntent::kConfirm;
  return ReplyIntent::kOther;
}

}  // namespace orcazap::core

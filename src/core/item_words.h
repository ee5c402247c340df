#pragma once
// Vocabulary that tells chatter from product words in a customer's message (folded forms).

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/token.h"

namespace orcazap::core {

// Greetings, thanks, questions, requests and other words that never name a product
// ("oi", "obrigado", "quanto", "voces", "orcamento", "frete", "entrega").
bool IsChatterWord(std::string_view word);

// Verbs of the work a material is for ("pintar", "assentar", "cobrir"); chatter too. An amount
// right after one measures the work, not an order ("tinta pra pintar 50 m2").
bool IsWorkVerb(std::string_view word);

// Nouns that a count can go with without being an order line ("2 dias", "3 vezes"), by key.
bool IsNonProductNoun(std::string_view key);

// Whether the message corrects what the customer said before: "na verdade", "corrigindo",
// "ops", "errei", "aliás", "quer dizer".
bool SaysCorrection(const std::vector<Token>& tokens);

// Words that start a street address ("rua", "av", "avenida", "travessa", "apto").
bool IsAddressWord(std::string_view word);

// A colour's one form for both genders, by word key ("branca", and "brancas" whose key it is →
// "branco"); nullopt for any other word.
std::optional<std::string_view> ColourOf(std::string_view key);

// Whether tokens[k + 1] is a noun that is not a product ("2 dias", "3 vezes", "90 graus"), so that
// the number at tokens[k] counts that noun rather than an item.
bool NounThatIsNotAProductAfter(const std::vector<Token>& tokens, size_t k);

// Words that introduce a phone number ("telefone", "tel", "fone", "celular", "zap", "contato").
bool IsContactWord(std::string_view word);

}  // namespace orcazap::core

#pragma once
// Where the customer wants the delivery: a CEP or a bairro.
// 1. CEP: "01310-100", "01310100", "01310 100", "01310.100", with or without "CEP".
// 2. Bairro: a freight rule's bairro found in the text, accent- and case-insensitively, with
//    the usual abbreviations ("jd" = jardim, "vl" = vila, "pq" = parque, "sta" = santa...) and
//    small typos; the longest matching rule wins and is returned spelled as in the rule.
// 3. Otherwise a bairro the customer clearly names is returned as written: after the word
//    "bairro" ("bairro São José", "entrega no bairro Boa Vista"), or a name that starts like
//    a bairro after "no"/"na"/"pro" ("no Jardim Europa", "na Vila Nova").

#include <optional>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/extraction.h"
#include "core/text_fold.h"
#include "core/token.h"

namespace orcazap::core {

// `message` is the original text that `folded` and `tokens` come from. Marks the tokens it
// used in *claimed.
std::optional<Location> FindLocation(std::string_view message, const FoldedText& folded,
                                     const std::vector<Token>& tokens,
                                     const std::vector<FreightRule>& rules,
                                     std::vector<bool>* claimed);

}  // namespace orcazap::core

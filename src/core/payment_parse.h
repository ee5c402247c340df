#pragma once
// The payment method a customer mentions: "pix"; "cartão", "crédito", "débito", "no cartao",
// "parcelado" → cartão; "boleto"; "dinheiro", "espécie", "à vista" → dinheiro. A bank transfer
// ("transferência", "TED") is priced as PIX: the money reaches the store's account the same
// way, with no card fee. With "pix ou dinheiro" the first method named wins.
// A mention right after a negation ("não tenho pix", "sem cartão") does not count; the first
// remaining mention wins, and "à vista" alone only when nothing else is mentioned.

#include <optional>
#include <vector>

#include "core/extraction.h"
#include "core/token.h"

namespace orcazap::core {

// Marks the tokens it used in *claimed.
std::optional<PaymentMethod> FindPayment(const std::vector<Token>& tokens,
                                         std::vector<bool>* claimed);

// Whether one of the three tokens before `i` in its sentence negates it ("não", "nao", "sem",
// "n"); a comma ends the negation ("hoje não, amanhã").
bool IsNegated(const std::vector<Token>& tokens, size_t i);

}  // namespace orcazap::core

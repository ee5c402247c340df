#include "core/payment_parse.h"

#include <array>
#include <string_view>
#include <utility>

#include "core/word_forms.h"

namespace orcazap::core {
namespace {

constexpr std::pair<std::string_view, PaymentMethod> kPaymentWords[] = {
    {"pix", PaymentMethod::kPix},           {"cartao", PaymentMethod::kCartao},
    {"credito", PaymentMethod::kCartao},    {"debito", PaymentMethod::kCartao},
    {"maquininha", PaymentMethod::kCartao}, {"parcelado", PaymentMethod::kCartao},
    {"parcelar", PaymentMethod::kCartao},   {"boleto", PaymentMethod::kBoleto},
    {"dinheiro", PaymentMethod::kDinheiro}, {"especie", PaymentMethod::kDinheiro},
    {"cash", PaymentMethod::kDinheiro},     {"grana", PaymentMethod::kDinheiro},
    {"pics", PaymentMethod::kPix},          {"pixe", PaymentMethod::kPix},
    {"transferencia", PaymentMethod::kPix}, {"transf", PaymentMethod::kPix},
    {"ted", PaymentMethod::kPix},
};

std::optional<PaymentMethod> PaymentWord(const Token& token) {
  if (!token.IsWord()) return std::nullopt;
  for (const auto& [word, method] : kPaymentWords) {
    if (token.text == word || token.key == word) return method;
    if (word.size() >= 6 && FuzzyWordMatch(token.key, word)) return method;
  }
  return std::nullopt;
}

}  // namespace

bool IsNegated(const std::vector<Token>& tokens, size_t i) {
  for (size_t back = 1; back <= 3 && back <= i; ++back) {
    const Token& token = tokens[i - back];
    if (token.EndsClause()) return false;  // "hoje não, amanhã"
    if (token.IsWord("nao") || token.IsWord("sem") || token.IsWord("n") || token.IsWord("nem")) {
      return true;
    }
  }
  return false;
}

std::optional<PaymentMethod> FindPayment(const std::vector<Token>& tokens,
                                         std::vector<bool>* claimed) {
  std::optional<PaymentMethod> found;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::optional<PaymentMethod> method = PaymentWord(tokens[i]);
    if (!method) continue;
    (*claimed)[i] = true;
    if (!found && !IsNegated(tokens, i)) found = method;
  }
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].IsWord("a") && tokens[i + 1].IsWord("vista")) {
      (*claimed)[i] = (*claimed)[i + 1] = true;
      if (!found) found = PaymentMethod::kDinheiro;
    }
  }
  return found;
}

}  // namespace orcazap::core

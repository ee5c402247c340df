#include "core/payment_parse.h"

#include <gtest/gtest.h>

#include "core/text_fold.h"

namespace orcazap::core {
namespace {

std::string How(std::string_view text) {
  const std::vector<Token> tokens = Tokenize(Fold(text));
  std::vector<bool> claimed(tokens.size());
  const std::optional<PaymentMethod> method = FindPayment(tokens, &claimed);
  return method ? PaymentMethodName(*method) : "none";
}

TEST(PaymentParse, EveryMethodAndItsUsualWords) {
  EXPECT_EQ(How("PIX"), "pix");
  EXPECT_EQ(How("no cartão"), "cartao");
  EXPECT_EQ(How("cartao de credito"), "cartao");
  EXPECT_EQ(How("débito"), "cartao");
  EXPECT_EQ(How("boleto"), "boleto");
  EXPECT_EQ(How("dinheiro"), "dinheiro");
  EXPECT_EQ(How("em espécie"), "dinheiro");
  EXPECT_EQ(How("à vista"), "dinheiro");
  EXPECT_EQ(How("catao"), "cartao");
}

TEST(PaymentParse, NegatedMethodIsSkipped) {
  EXPECT_EQ(How("não tenho pix, vou no cartão"), "cartao");
  EXPECT_EQ(How("sem boleto"), "none");
}

TEST(PaymentParse, FirstMentionWinsAndAVistaYields) {
  EXPECT_EQ(How("pix ou cartao"), "pix");
  EXPECT_EQ(How("pix ou dinheiro"), "pix");
  EXPECT_EQ(How("à vista no pix"), "pix");
  EXPECT_EQ(How("a vista"), "dinheiro");
}

TEST(PaymentParse, BankTransferIsPricedAsPix) {
  EXPECT_EQ(How("pago por transferência"), "pix");
  EXPECT_EQ(How("faço uma TED"), "pix");
}

}  // namespace
}  // namespace orcazap::core

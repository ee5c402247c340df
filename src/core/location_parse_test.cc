#include "core/location_parse.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

std::vector<FreightRule> Rules() {
  std::vector<FreightRule> rules(3);
  rules[0].bairro = "Centro";
  rules[1].bairro = "Jardim América";
  rules[2].bairro = "Parque das Nações";
  return rules;
}

std::string Where(std::string_view text) {
  const FoldedText folded = FoldText(text);
  const std::vector<Token> tokens = Tokenize(folded.text);
  std::vector<bool> claimed(tokens.size());
  const std::optional<Location> location = FindLocation(text, folded, tokens, Rules(), &claimed);
  if (!location) return "none";
  return location->cep.value_or("-") + " " + location->bairro.value_or("-");
}

TEST(LocationParse, CepInEveryUsualForm) {
  EXPECT_EQ(Where("CEP 01310-100"), "01310100 -");
  EXPECT_EQ(Where("01310100"), "01310100 -");
  EXPECT_EQ(Where("cep: 01310 100"), "01310100 -");
}

TEST(LocationParse, PhonesAreNotCeps) {
  EXPECT_EQ(Where("11 98765-4321"), "none");
  EXPECT_EQ(Where("11987654321"), "none");
}

TEST(LocationParse, BairroComesBackSpelledAsInTheRule) {
  EXPECT_EQ(Where("entrega no centro"), "- Centro");
  EXPECT_EQ(Where("JARDIM AMERICA"), "- Jardim América");
  EXPECT_EQ(Where("aqui no jd america"), "- Jardim América");
  EXPECT_EQ(Where("pq das nacoes"), "- Parque das Nações");
}

TEST(LocationParse, UnknownBairroIsReturnedAsWritten) {
  EXPECT_EQ(Where("bairro Morada do Sol"), "- Morada do Sol");
  EXPECT_EQ(Where("entrega no bairro Boa Esperança amanhã"), "- Boa Esperança");
  EXPECT_EQ(Where("é no Jardim Europa"), "- Jardim Europa");
}

TEST(LocationParse, CepAndBairroTogether) {
  EXPECT_EQ(Where("centro, cep 01001-000"), "01001000 Centro");
}

}  // namespace
}  // namespace orcazap::core

#include "core/extraction.h"

#include <algorithm>
#include <optional>

#include "core/catalog_match.h"
#include "core/delivery_parse.h"
#include "core/item_parse.h"
#include "core/item_words.h"
#include "core/location_parse.h"
#include "core/payment_parse.h"
#include "core/text_fold.h"
#include "core/token.h"

namespace orcazap::core {

const char* PaymentMethodName(PaymentMethod method) {
  switch (method) {
    case PaymentMethod::kPix:
      return "pix";
    case PaymentMethod::kCartao:
      return "cartao";
    case PaymentMethod::kBoleto:
      return "boleto";
    case PaymentMethod::kDinheiro:
      return "dinheiro";
  }
  return "pix";
}

std::optional<PaymentMethod> ParsePaymentMethodName(std::string_view name) {
  for (PaymentMethod method : {PaymentMethod::kPix, PaymentMethod::kCartao, PaymentMethod::kBoleto,
                               PaymentMethod::kDinheiro}) {
    if (name == PaymentMethodName(method)) return method;
  }
  return std::nullopt;
}

Extraction Extract(std::string_view message, const ExtractionContext& context) {
  const FoldedText folded = FoldText(message);
  const std::vector<Token> tokens = Tokenize(folded.text);
  std::optional<CatalogMatcher> own_matcher;
  const CatalogMatcher& matcher =
      context.matcher ? *context.matcher : own_matcher.emplace(context.catalog);
  std::vector<bool> claimed(tokens.size());

  Extraction extraction;
  extraction.location =
      FindLocation(message, folded, tokens, context.catalog.freight_rules, &claimed);
  extraction.payment = FindPayment(tokens, &claimed);
  const auto is_product_dimension = [&](std::string_view text) {
    return matcher.NamesDimension(text);
  };
  extraction.delivery = FindDelivery(tokens, context.today, is_product_dimension, &claimed);
  ItemsFound items = FindItems(message, folded, tokens, claimed, context.catalog, matcher,
                               context.continues_order);
  extraction.items = std::move(items.items);
  extraction.unknown = std::move(items.unknown);
  extraction.correction = SaysCorrection(tokens);
  // A count with neither unit nor product means something only as a change to an earlier
  // order: "mais 10", "ops, são 12".
  for (BareQuantity& bare : items.bare) {
    if (!bare.unit.empty() || bare.more || extraction.correction) {
      extraction.bare.push_back(std::move(bare));
    }
  }
  return extraction;
}

std::vector<std::string> MissingFields(const Extraction& extraction) {
  std::vector<std::string> missing;
  const auto& location = extraction.location;
  if (!location || (!location->cep && !location->bairro)) missing.emplace_back("location");
  if (!extraction.payment) missing.emplace_back("payment");
  const auto& delivery = extraction.delivery;
  if (!delivery || (!delivery->asap && !delivery->date)) missing.emplace_back("delivery");
  if (extraction.items.empty() && extraction.unknown.empty()) missing.emplace_back("items");
  const auto uncounted = [](const ExtractedItem& item) { return !item.counted; };
  if (std::any_of(extraction.items.begin(), extraction.items.end(), uncounted)) {
    missing.emplace_back("quantities");
  }
  return missing;
}

}  // namespace orcazap::core

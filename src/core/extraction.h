#pragma once
// Understanding a customer's WhatsApp message (SPEC section 5): location, payment method,
// delivery day and the items with exact quantities, matched against the tenant's catalog.
//
// Contract:
// 1. Pure and deterministic: the same text, catalog and `today` give the same Extraction.
// 2. Something the customer clearly asks for that matches no catalog item is reported in
//    `unknown` (never dropped); chatter (greetings, questions, thanks, addresses) is not.
// 3. Fields the message does not mention are left empty; merging across messages is the
//    caller's job (see MergeExtraction).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/civil_date.h"
#include "core/quantity.h"

namespace orcazap::core {

struct Location {
  std::optional<std::string> cep;     // 8 digits, no dash
  std::optional<std::string> bairro;  // as spelled in the freight rule when it matches one
  bool operator==(const Location&) const = default;
};

enum class PaymentMethod { kPix, kCartao, kBoleto, kDinheiro };
// "pix", "cartao", "boleto", "dinheiro"
const char* PaymentMethodName(PaymentMethod method);
std::optional<PaymentMethod> ParsePaymentMethodName(std::string_view name);

struct Delivery {
  bool asap = false;               // "o quanto antes", "urgente"
  std::optional<CivilDate> date;   // set when !asap
  bool operator==(const Delivery&) const = default;
};

struct ExtractedItem {
  std::string sku;      // the matched catalog item
  Quantity quantity;    // in the catalog item's unit (milheiro already converted when needed)
  std::string unit;     // the catalog item's unit
  std::string text;     // what the customer wrote for this item
  bool operator==(const ExtractedItem&) const = default;
};

struct Extraction {
  std::optional<Location> location;
  std::optional<PaymentMethod> payment;
  std::optional<Delivery> delivery;
  std::vector<ExtractedItem> items;
  std::vector<std::string> unknown;  // texts of requested items that matched nothing
};

struct ExtractionContext {
  const Catalog& catalog;  // items (for matching) and freight rules (for bairro names)
  CivilDate today;         // in the tenant's time zone
};

Extraction Extract(std::string_view message, const ExtractionContext& context);

// What a quote still needs: any of "location", "payment", "delivery", "items", in that order.
std::vector<std::string> MissingFields(const Extraction& extraction);

// Data captured over several messages: fields of `later` replace those of `earlier` when set;
// items and unknowns of `later` are appended.
Extraction MergeExtraction(const Extraction& earlier, const Extraction& later);

// How a customer answers a quote that was sent.
enum class ReplyIntent { kConfirm, kDecline, kOther };
ReplyIntent ClassifyReply(std::string_view message);

}  // namespace orcazap::core

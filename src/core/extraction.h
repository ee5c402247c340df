#pragma once
// Understanding a customer's WhatsApp message: location, payment method, delivery day and the
// items with exact quantities, matched against the tenant's catalog.
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
  bool asap = false;              // "o quanto antes", "urgente"
  std::optional<CivilDate> date;  // set when !asap
  bool operator==(const Delivery&) const = default;
};

struct ExtractedItem {
  std::string sku;      // the matched catalog item
  Quantity quantity;    // in the catalog item's unit (milheiro already converted when needed);
                        // never above kMaxQuantity from Extract (a larger count is unknown)
  std::string unit;     // the catalog item's unit
  std::string text;     // what the customer wrote for this item
  bool counted = true;  // false: named with no quantity ("tem cimento?"), so `quantity` is 1
  bool operator==(const ExtractedItem&) const = default;
};

// A quantity written without a product: "quero 8 sacos", "mais 10 sacos", "ops, são 12".
struct BareQuantity {
  Quantity value;     // never above kMaxQuantity
  std::string unit;   // folded unit name ("saco", "m", "m3", "un"...), empty when none
  std::string text;   // as the customer wrote it; also in Extraction::unknown when `unit` is set
  bool more = false;  // "mais 10 sacos", "+ 10 sacos": in addition to what was asked
  bool operator==(const BareQuantity&) const = default;
};

struct Extraction {
  std::optional<Location> location;
  std::optional<PaymentMethod> payment;
  std::optional<Delivery> delivery;
  std::vector<ExtractedItem> items;
  // Texts of requested items that matched nothing, as the customer wrote them; one in a unit
  // the store does not sell the item in is followed by SoldInNote (core/item_parse.h).
  std::vector<std::string> unknown;
  // Quantities with no product that no item of this message took. With a unit they are in
  // `unknown` too (never dropped); without one they are kept only when `more` or in a
  // correction. Only MergeExtraction reads them.
  std::vector<BareQuantity> bare;
  bool correction = false;  // "na verdade", "corrigindo", "ops": it corrects what came before
};

class CatalogMatcher;

struct ExtractionContext {
  const Catalog& catalog;  // items (for matching) and freight rules (for bairro names)
  CivilDate today;         // in the tenant's time zone
  // Built from `catalog` (see PreparedCatalog); when null, Extract builds one for the call.
  const CatalogMatcher* matcher = nullptr;
  // The conversation already holds items of this order: a short line that matches nothing, sent
  // on its own ("lona preta" after "10 sacos de cimento"), continues that list and is unknown
  // (item_parse.h, rule 4).
  bool continues_order = false;
};

Extraction Extract(std::string_view message, const ExtractionContext& context);

// What a quote still needs: any of "location", "payment", "delivery", "items", "quantities", in
// that order. "items" when nothing was asked for (no item and no unknown); "quantities" when an
// item was named without a quantity (ExtractedItem::counted is false): it is interest, not an
// amount, so its quantity is asked for rather than taken as 1.
std::vector<std::string> MissingFields(const Extraction& extraction);

// Data captured over several messages, as a store owner would read them:
// 1. Location, payment and delivery of `later` replace those of `earlier` when set.
// 2. An item of `later` already in `earlier` stays one line. An item named with no quantity
//    ("tem cimento?") is interest, not an amount: a quantity for it, before or after, is its
//    quantity ("tem cimento?" then "manda 8 sacos de cimento" is 8, not 1 + 8). Two quantities
//    add up ("mais 10 sacos de cimento"), unless `later` is a correction ("na verdade são 12
//    sacos de cimento"), which replaces. Other items and unknowns are appended.
// 3. A bare quantity of `later` (see BareQuantity) goes to an item of `earlier` whose unit it
//    fits when exactly one item can take it, and then leaves `unknown`:
//    - a plain one ("quero 8 sacos") to the one item still without a quantity, as its quantity;
//    - "mais 10 sacos" to the one item it fits, added (or as its quantity, if it had none);
//    - in a correction ("na verdade são 12", "ops, 12 sacos") to the one item it fits, replacing
//      its quantity.
//    When no item, or more than one, could take it, it stays unknown for a person to read.
// 4. The result has no bare quantities and is not a correction: those describe one message.
// 5. Quantities that add up may pass kMaxQuantity; pricing does not price such a line (it is an
//    unknown item, pricing invariant 10), so a person sees it.
Extraction MergeExtraction(const Extraction& earlier, const Extraction& later);

// How a customer answers a quote that was sent.
enum class ReplyIntent { kConfirm, kDecline, kOther };
ReplyIntent ClassifyReply(std::string_view message);

}  // namespace orcazap::core

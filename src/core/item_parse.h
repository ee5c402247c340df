#pragma once
// The order lines in a customer's message: the items part of understanding it
// (core/extraction.h).
//
// 1. The message is cut into lines, and lines into segments at ",", ";", "+", "?", "!", a
//    sentence's ".", and the words "e" ("cimento e areia", but not "1 e meio") and "mais"
//    before a count. Street addresses ("rua ...", "av. ...") are ignored up to the end of
//    their line; tokens other parsers used (CEP, bairro, payment, delivery) are skipped.
// 2. In each segment, catalog names are found first (so "cimento 50kg" or "fio 2,5" keep their
//    numbers), then quantities. When a segment opens with a quantity, each item takes the
//    quantity before it ("10 sacos de cimento"), else the one after ("cimento 10 sacos",
//    "areia x2"). A descriptive size ("50kg" on an item sold by the saco) is not a quantity,
//    nor is a number before a noun that is not a product ("2 comodos", "90 graus", "2 dias").
// 3. An item without a quantity ("cimento" on its own line, "tem cal?") is found with
//    `counted` false and a placeholder quantity of 1: a conversation asks for its quantity
//    before pricing (MissingFields, core/extraction.h).
// 4. A quantity with a product word that matches nothing ("3 latas de tinta azul"), or a short
//    line or list entry that matches nothing, is unknown, quoted as the customer wrote it, when
//    it is bulleted, continues an order line, or sits in a run of such lines that follows order
//    lines and is followed by more of them or by nothing but place, payment, day, an address or
//    chatter ("10 sacos de cimento / lona preta / pix amanhã"). Earlier messages that named
//    items count as order lines before the message ("lona preta" sent on its own after "10
//    sacos de cimento"). Chatter (greetings, questions, thanks) never is.
// 5. The same item mentioned twice is one line: explicit quantities add up, and a mention
//    without a quantity does not add 1 when another one has a quantity.
// 6. A count no item took, in a segment that names no product ("quero 8 sacos", "mais 10"),
//    is a bare quantity; with a unit it is also unknown ("8 sacos"). Words that state or
//    correct a count ("são", "era", "ops", "na verdade") are never product words. A bare count
//    right after an item named without a quantity is that item's ("tem cal? quero 10"). In a
//    segment with items, an amount with a unit that none of them took ("areia 2 m 10 kg") is
//    unknown on its own. An amount that measures something else ("casa de 70 m²", "pra pintar
//    50 m2") is neither.
// 7. No item gets more than kMaxQuantity (core/quantity.h): an item counted past it, by one
//    count or by mentions that add up, is unknown instead, quoted as the customer wrote it
//    ("999.999.999.999.999 m³ de areia"), so that the quote goes to a person instead of
//    pricing the number or 1. A bare count past it is never kept for merging: with a unit or
//    after "mais" it is unknown, otherwise it is not a count (like a CPF).
// 8. Six or more plain digits are usually a CEP, a phone or an order number, so they count only
//    right next to an item's name ("100000 tijolos", "120000 unidades de tijolo", "tijolo
//    250000") or, within kMaxQuantity, after nothing but chatter ("tem tijolo? quero 100000",
//    rule 6). Elsewhere ("pedido 123456", "meu zap 11987654321") they are not counts. An item
//    they count past kMaxQuantity is unknown (rule 7), never quoted as 1.
// 9. A phone number after a contact word is never a count, however its digits are grouped
//    ("tem tijolo? meu telefone 3333 4444"; MaskPhoneNumbers, core/message_segments.h).
// 10. A product named with a size, grade or colour the catalog's item does not have ("5 ferro
//    5/16" when the store's ferro is 3/8, "fio 4mm", "argamassa ac3", "cimento 25kg", "tinta
//    azul") is not that item: it is unknown, quoted with its count as the customer wrote it
//    ("5 ferro 5/16"), even in a question ("vcs tem argamassa ac3?"), so that a person answers
//    it (CatalogMatcher, core/catalog_match.h).
// 11. A count in a unit of the item's size is that many items when whole items hold it
//    ("cimento 100kg" or "100kg de cimento" is 2 sacos of the 50 kg bag, "36 litros de tinta"
//    2 latas of 18 L, "cano 25 12m" 2 barras of 6 m; CatalogMatcher::InItems). Any other count
//    in a unit the store does not sell the item in ("10 sacos de areia" for areia by the m³,
//    "2 caixas de porcelanato" for piso by the m², "fio 10 rolos" for fio by the metre, "10kg
//    de areia") is unknown, quoted with the item as the customer wrote it and followed by the
//    store's item and the unit it sells it in ("10 sacos de areia (Areia média: vendemos por
//    m³)"), so that the customer learns why: the store's package or conversion is for a person
//    to know. "un" and "m" for m² or m³ fit any item (FitsUnit).

#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/catalog_match.h"
#include "core/extraction.h"
#include "core/text_fold.h"
#include "core/token.h"

namespace orcazap::core {

struct ItemsFound {
  std::vector<ExtractedItem> items;
  std::vector<std::string> unknown;
  std::vector<BareQuantity> bare;  // with or without a unit (see rule 6)
};

// Rule 11's note after the customer's words: the store's item and the unit it sells it in,
// " (Areia média: vendemos por m³)".
std::string SoldInNote(const CatalogItem& item);

// `claimed` flags the tokens already used by the location, payment and delivery parsers;
// `continues_order` says that earlier messages named items (ExtractionContext).
ItemsFound FindItems(std::string_view message, const FoldedText& folded,
                     const std::vector<Token>& tokens, const std::vector<bool>& claimed,
                     const Catalog& catalog, const CatalogMatcher& matcher,
                     bool continues_order = false);

}  // namespace orcazap::core

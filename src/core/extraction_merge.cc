// MergeExtraction (declared in extraction.h): data captured over several messages.

#include <algorithm>

#include "core/extraction.h"
#include "core/quantity_parse.h"
#include "core/text_fold.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

std::string UnitKey(const ExtractedItem& item) { return WordKey(Fold(item.unit)); }

QuantityPhrase PhraseOf(const BareQuantity& bare) {
  QuantityPhrase phrase;
  phrase.value = bare.value;
  phrase.unit = bare.unit;
  return phrase;
}

// Stricter than FitsUnit, which lets any package count an item sold by the unit: across
// messages "10 sacos" says nothing about an item sold by the unit.
bool Fits(const BareQuantity& bare, const ExtractedItem& item) {
  const std::string unit = UnitKey(item);
  if (unit == "un" && !bare.unit.empty()) return bare.unit == "un" || bare.unit == "milheiro";
  return FitsUnit(PhraseOf(bare), unit);
}

// A later mention of an item already captured (rule 2).
void MergeItem(const ExtractedItem& later, bool correction, ExtractedItem* item) {
  if (!later.counted) return;
  const bool replace = !item->counted || correction;
  item->quantity = replace ? later.quantity : item->quantity + later.quantity;
  if (replace) item->text = later.text;
  item->counted = true;
}

// The one item among items[0, count) that `bare` can go to (rule 3), or null.
ExtractedItem* TargetOf(const BareQuantity& bare, bool correction, size_t count,
                        std::vector<ExtractedItem>* items) {
  const bool any_item = bare.more || correction;
  ExtractedItem* target = nullptr;
  for (size_t i = 0; i < count; ++i) {
    ExtractedItem& item = (*items)[i];
    if ((!any_item && item.counted) || !Fits(bare, item)) continue;
    if (target) return nullptr;
    target = &item;
  }
  return target;
}

void ApplyBare(const BareQuantity& bare, ExtractedItem* item) {
  const Quantity value = InCatalogUnit(PhraseOf(bare), UnitKey(*item));
  item->quantity = bare.more && item->counted ? item->quantity + value : value;
  item->counted = true;
}

}  // namespace

Extraction MergeExtraction(const Extraction& earlier, const Extraction& later) {
  Extraction merged = earlier;
  merged.bare.clear();
  merged.correction = false;
  if (later.location) merged.location = later.location;
  if (later.payment) merged.payment = later.payment;
  if (later.delivery) merged.delivery = later.delivery;
  const size_t earlier_items = merged.items.size();
  for (const ExtractedItem& item : later.items) {
    auto same = std::find_if(merged.items.begin(), merged.items.end(),
                             [&](const ExtractedItem& other) { return other.sku == item.sku; });
    if (same == merged.items.end()) {
      merged.items.push_back(item);
    } else {
      MergeItem(item, later.correction, &*same);
    }
  }
  std::vector<std::string> unknown = later.unknown;
  for (const BareQuantity& bare : later.bare) {
    ExtractedItem* target = TargetOf(bare, later.correction, earlier_items, &merged.items);
    if (!target) continue;
    ApplyBare(bare, target);
    const auto taken = std::find(unknown.begin(), unknown.end(), bare.text);
    if (!bare.unit.empty() && taken != unknown.end()) unknown.erase(taken);
  }
  merged.unknown.insert(merged.unknown.end(), unknown.begin(), unknown.end());
  return merged;
}

}  // namespace orcazap::core

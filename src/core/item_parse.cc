#include "core/item_parse.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "core/item_words.h"
#include "core/message_segments.h"
#include "core/quantity_parse.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

constexpr size_t kMaxUnknownWords = 6;
constexpr size_t kMaxListEntryWords = 6;

struct FoundItem {
  size_t item_index = 0;
  Quantity quantity;
  bool counted = false;  // the customer wrote a quantity
  size_t first = 0;
  size_t last = 0;
  size_t segment = 0;
};

bool IsContentWord(const Token& token) {
  return token.IsWord() && token.text.size() >= 3 && !IsGlueWord(token.text) &&
         !IsChatterWord(token.text) && !IsNonProductNoun(token.key);
}

std::string CatalogUnitKey(const CatalogItem& item) { return WordKey(Fold(item.unit)); }

class ItemReader {
 public:
  ItemReader(std::string_view message, const FoldedText& folded, const std::vector<Token>& tokens,
             const std::vector<bool>& claimed, const Catalog& catalog,
             const CatalogMatcher& matcher)
      : message_(message), folded_(folded), tokens_(tokens), catalog_(catalog), matcher_(matcher) {
    available_.resize(tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) available_[i] = !claimed[i];
    untouched_ = available_;
    MaskAddressesAndNumbering(tokens, &available_);
    MaskPhoneNumbers(tokens, &available_);
  }

  ItemsFound Run(bool continues_order) {
    const std::vector<Segment> segments = SplitSegments(tokens_);
    std::vector<bool> has_items(segments.size());
    for (size_t s = 0; s < segments.size(); ++s) has_items[s] = ReadSegment(segments[s], s);
    std::vector<bool> entry_like(segments.size());
    for (size_t s = 0; s < segments.size(); ++s) {
      entry_like[s] = !has_items[s] && LooksLikeListEntry(segments[s]);
    }
    const size_t first_with_items =
        std::find(has_items.begin(), has_items.end(), true) - has_items.begin();
    const bool any_items = first_with_items < segments.size();
    // Each run of entry-like segments is placed once; its segments that are order lines are
    // unknown, in message order.
    for (size_t first = 0; first < segments.size(); ++first) {
      if (!entry_like[first]) continue;
      size_t last = first;
      while (last + 1 < segments.size() && entry_like[last + 1]) ++last;
      // After an order line of this message, or, before any, of an earlier one.
      const bool after_items =
          (first > 0 && has_items[first - 1]) || (continues_order && first_with_items > first);
      const bool ends_list = after_items && ((last + 1 < segments.size() && has_items[last + 1]) ||
                                             NoOrderWordsAfter(segments, last));
      // On the same line as the order line before the run: "10 sacos de cimento, lona, brita".
      bool same_line = true;
      for (size_t s = first; s <= last; ++s) {
        same_line = same_line && segments[s].continues;
        if ((segments[s].bullet && any_items) || (after_items && (same_line || ends_list))) {
          size_t begin = segments[s].begin;
          while (tokens_[begin].kind == TokenKind::kPunct) ++begin;  // "- silicone"
          AddUnknown(begin, segments[s].end - 1);
        }
      }
      first = last;
    }
    return Finish();
  }

 private:
  // Reads the items and unknowns of one segment; true when it held any.
  bool ReadSegment(const Segment& segment, size_t index) {
    std::vector<CatalogMatch> matches =
        matcher_.FindAll(tokens_, segment.begin, segment.end, &available_);
    if (matches.empty()) matches = Ellipsis(segment);
    last_head_.reset();
    if (!matches.empty()) last_head_ = matches.back().first();
    std::vector<QuantityPhrase> quantities = QuantitiesIn(segment, matches);
    std::vector<bool> used(quantities.size());
    const bool before_mode = !matches.empty() && !quantities.empty() &&
                             quantities.front().last < matches.front().first();
    for (size_t m = 0; m < matches.size(); ++m) {
      const size_t low = m == 0 ? segment.begin : matches[m - 1].last() + 1;
      const size_t high = m + 1 == matches.size() ? segment.end : matches[m + 1].first();
      std::optional<size_t> described;
      const std::optional<size_t> q =
          PickQuantity(matches[m], quantities, used, low, high, before_mode, &described);
      if (q) used[*q] = true;
      if (described) used[*described] = true;
      AddItem(matches[m], q ? &quantities[*q] : nullptr, index);
    }
    bool any = !matches.empty();
    const QuantityPhrase* leftover = nullptr;
    const size_t unknowns_before = unknown_ranges_.size();
    for (size_t q = 0; q < quantities.size(); ++q) {
      if (used[q]) continue;
      if (ForEarlierItems(quantities[q], segment, index, matches.empty()) ||
          SizeOfTheItemBefore(quantities[q], index) ||
          UnknownFromQuantity(segment, quantities[q], leftover)) {
        any = true;
        used[q] = true;
        leftover = nullptr;
      } else {
        leftover = &quantities[q];
      }
    }
    const std::vector<const QuantityPhrase*> left =
        CountsLeft(segment, quantities, used, unknowns_before);
    return (matches.empty() ? ReadBare(left) : AmountsLeft(left)) || any;
  }

  // The counts of a segment that nothing took and that order rather than describe.
  std::vector<const QuantityPhrase*> CountsLeft(const Segment& segment,
                                                const std::vector<QuantityPhrase>& quantities,
                                                const std::vector<bool>& used,
                                                size_t unknowns_before) const {
    std::vector<const QuantityPhrase*> left;
    for (size_t q = 0; q < quantities.size(); ++q) {
      const QuantityPhrase& phrase = quantities[q];
      if (used[q] || phrase.weak || InUnknown(phrase.first, unknowns_before)) continue;
      if (!Describes(segment, phrase)) left.push_back(&phrase);
    }
    return left;
  }

  // In a segment with items, an amount with a unit that none of them took ("areia 2 m 10 kg":
  // the 10 kg) is unknown on its own, so that it is never dropped.
  bool AmountsLeft(const std::vector<const QuantityPhrase*>& left) {
    bool any = false;
    for (const QuantityPhrase* phrase : left) {
      if (phrase->unit.empty()) continue;
      AddUnknown(phrase->first, phrase->last);
      any = true;
    }
    return any;
  }

  // Counts left with no product in a segment that names none: "quero 8 sacos", "mais 10".
  // One with a unit is also unknown, so that it is never dropped.
  bool ReadBare(const std::vector<const QuantityPhrase*>& left) {
    bool any = false;
    for (const QuantityPhrase* phrase : left) {
      const size_t before = phrase->first;
      const bool more =
          before > 0 && (tokens_[before - 1].IsWord("mais") || tokens_[before - 1].IsPunct('+'));
      const std::string text(Original(phrase->first, phrase->last));
      const bool too_large = phrase->value > kMaxQuantity;  // rule 7: never merged into an item
      if (!too_large) bare_.push_back(BareQuantity{phrase->value, phrase->unit, text, more});
      if (!phrase->unit.empty() || (too_large && more)) {
        AddUnknown(phrase->first, phrase->last);
        any = true;
      }
    }
    return any;
  }

  // A count that describes rather than orders: a size unit ("2 mm"), a weight or volume asked
  // about ("o saco é de 50 kg?"), the size of something else ("casa de 70 m²", "obra de 200 m2")
  // or of the work ("pra pintar 50 m2").
  bool Describes(const Segment& segment, const QuantityPhrase& phrase) const {
    if (!phrase.unit.empty() && !QuantityUnit(phrase.unit)) return true;
    if (IsDimensionUnit(phrase.unit) && segment.question) return true;
    const size_t at = phrase.first;
    if (at >= 1 && tokens_[at - 1].IsWord() && IsWorkVerb(tokens_[at - 1].text)) return true;
    return at >= 2 && tokens_[at - 1].IsWord() && IsGlueWord(tokens_[at - 1].text) &&
           tokens_[at - 2].IsWord() && IsNonProductNoun(tokens_[at - 2].key);
  }

  bool InUnknown(size_t token, size_t from) const {
    return std::any_of(
        unknown_ranges_.begin() + static_cast<std::ptrdiff_t>(from), unknown_ranges_.end(),
        [&](const auto& range) { return range.first <= token && token <= range.second; });
  }

  // "2 m de areia grossa e 2 de fina": a segment that opens with a count and names no item
  // may continue the product named just before.
  std::vector<CatalogMatch> Ellipsis(const Segment& segment) {
    if (!last_head_) return {};
    const std::vector<QuantityPhrase> quantities = QuantitiesIn(segment);
    if (quantities.empty()) return {};
    size_t at = quantities.front().last + 1;
    while (at < segment.end && tokens_[at].IsWord() && IsGlueWord(tokens_[at].text)) ++at;
    if (at >= segment.end) return {};
    return matcher_.FindWithHead(tokens_, segment.begin, segment.end, at, tokens_[*last_head_],
                                 &available_);
  }

  // A count that belongs to items named before it: "massa e selador, 2 de cada", or
  // "tem fio 2,5? preciso de 100m".
  bool ForEarlierItems(const QuantityPhrase& phrase, const Segment& segment, size_t index,
                       bool segment_is_bare) {
    const size_t next = phrase.last + 1;
    const bool each = (next < tokens_.size() && tokens_[next].IsWord("cada")) ||
                      WordsAt(tokens_, next, {"de", "cada"});
    if (each) {
      bool any = false;
      for (FoundItem& found : found_) {
        if (!found.counted && Count(phrase, &found)) any = true;
      }
      return any;
    }
    if (!segment_is_bare || found_.empty() || WordsAfter(next, segment.end)) return false;
    FoundItem& last = found_.back();
    if (last.counted || last.segment + 2 < index) return false;
    return Count(phrase, &last);
  }

  // An amount after the item just counted, in the unit of its size: its size said again
  // ("cimento 2 sacos de 50kg"), or another size, which makes the mention unknown ("cimento 2
  // sacos de 25kg", rule 10).
  bool SizeOfTheItemBefore(const QuantityPhrase& phrase, size_t segment) {
    if (found_.empty() || phrase.unit.empty()) return false;
    FoundItem& found = found_.back();
    if (found.segment != segment || !found.counted || phrase.first <= found.last) return false;
    const CatalogMatcher::AmountInItems amount =
        matcher_.InItems(found.item_index, phrase.value, phrase.unit);
    if (amount.fit == CatalogMatcher::AmountFit::kNoSize) return false;
    if (amount.is_size()) {
      found.last = phrase.last;
      return true;
    }
    const size_t first = found.first;
    const size_t item_index = found.item_index;
    found_.pop_back();
    AddUnknown(first, phrase.last, SoldIn(item_index));
    return true;
  }

  bool Count(const QuantityPhrase& phrase, FoundItem* found) const {
    const std::optional<Quantity> quantity = InItemUnit(phrase, found->item_index);
    if (!quantity) return false;
    found->quantity = *quantity;
    found->counted = true;
    return true;
  }

  // `phrase` in the catalog unit of the item, or nullopt when it does not fit that unit: an
  // amount in the unit of the item's size is that many items ("cimento 100kg" is 2 sacos).
  std::optional<Quantity> InItemUnit(const QuantityPhrase& phrase, size_t item_index) const {
    const std::string unit = CatalogUnitKey(catalog_.items[item_index]);
    if (!phrase.unit.empty() && phrase.unit != unit) {
      const CatalogMatcher::AmountInItems amount =
          matcher_.InItems(item_index, phrase.value, phrase.unit);
      if (amount.fit == CatalogMatcher::AmountFit::kItems) return amount.items;
      if (amount.fit == CatalogMatcher::AmountFit::kOtherSize) return std::nullopt;
    }
    if (!FitsUnit(phrase, unit)) return std::nullopt;
    return InCatalogUnit(phrase, unit);
  }

  // The counts of a segment whose items are `matches` (rule 8 for long plain numbers).
  std::vector<QuantityPhrase> QuantitiesIn(const Segment& segment,
                                           const std::vector<CatalogMatch>& matches = {}) const {
    std::vector<QuantityPhrase> quantities;
    for (size_t i = segment.begin; i < segment.end; ++i) {
      if (std::optional<QuantityPhrase> phrase = QuantityAt(tokens_, i, available_)) {
        if (phrase->last >= segment.end) continue;
        if (CountsSomethingElse(*phrase)) {  // "areia para 2 comodos", "joelho 90 graus"
          i = phrase->last;
          continue;
        }
        if (phrase->long_digits && !LongDigitsCount(*phrase, matches)) continue;
        i = phrase->last;
        quantities.push_back(std::move(*phrase));
      }
    }
    return quantities;
  }

  // A number without a unit right before a noun that is not a product ("2 comodos") counts
  // that noun, not an item.
  bool CountsSomethingElse(const QuantityPhrase& phrase) const {
    return phrase.unit.empty() && NounThatIsNotAProductAfter(tokens_, phrase.last);
  }

  // Rule 8: six or more plain digits count right next to an item's name ("100000 tijolos",
  // "120000 unidades de tijolo", "tijolo 250000"), or within kMaxQuantity after nothing but
  // chatter ("quero 100000"); elsewhere they are a CEP, a phone or an order number.
  bool LongDigitsCount(const QuantityPhrase& phrase,
                       const std::vector<CatalogMatch>& matches) const {
    for (const CatalogMatch& match : matches) {
      if (match.last() + 1 == phrase.first || phrase.last + 1 == match.first()) return true;
      if (!phrase.unit.empty() && phrase.last + 2 == match.first() &&
          tokens_[phrase.last + 1].IsWord("de")) {
        return true;
      }
    }
    if (phrase.value > kMaxQuantity) return false;
    // Back to the start of the sentence, past segment cuts ("meu pedido é 123456").
    for (size_t i = phrase.first; i > 0; --i) {
      const Token& token = tokens_[i - 1];
      if (token.EndsClause()) break;
      if (!token.IsWord() || !(IsChatterWord(token.text) || IsGlueWord(token.text))) return false;
    }
    return true;
  }

  // The count of `match`; `described` is set to a count before it that is only its size ("15
  // sacos de 20kg de argamassa": the 20 kg describe the sacos).
  std::optional<size_t> PickQuantity(const CatalogMatch& match,
                                     const std::vector<QuantityPhrase>& quantities,
                                     const std::vector<bool>& used, size_t low, size_t high,
                                     bool before_mode, std::optional<size_t>* described) const {
    std::optional<size_t> before, after, unfit;
    for (size_t q = 0; q < quantities.size(); ++q) {
      const QuantityPhrase& phrase = quantities[q];
      if (used[q]) continue;
      if (phrase.first >= low && phrase.last < match.first()) {
        if (before && !phrase.unit.empty() &&
            matcher_.InItems(match.item_index, phrase.value, phrase.unit).is_size()) {
          *described = q;
        } else {
          before = q;
        }
      }
      // After the name, the count must fit the item's unit ("cimento 50kg" is a size)...
      // ... and a bare "um"/"uma" after it is an article ("cimento pra uma laje").
      if (phrase.first > match.last() && phrase.last < high && !after && !phrase.weak) {
        if (InItemUnit(phrase, match.item_index)) {
          after = q;
        } else if (!unfit && OnlyGlueBetween(match.last(), phrase.first)) {
          unfit = q;  // "fio 10 rolos" when the store sells fio by the metre
        }
      }
    }
    const std::optional<size_t> picked =
        before_mode ? (before ? before : after) : (after ? after : before);
    return picked ? picked : unfit;
  }

  bool OnlyGlueBetween(size_t from, size_t to) const {
    for (size_t i = from + 1; i < to; ++i) {
      if (!tokens_[i].IsWord() || !IsGlueWord(tokens_[i].text)) return false;
    }
    return true;
  }

  void AddItem(const CatalogMatch& match, const QuantityPhrase* phrase, size_t segment) {
    const size_t first = phrase ? std::min(match.first(), phrase->first) : match.first();
    const size_t last = phrase ? std::max(match.last(), phrase->last) : match.last();
    // Rule 10: not the item; rule 11: a count in a unit the store does not sell the item in
    // ("10 sacos de areia" for areia by the m³, "25kg de cimento" for the 50 kg bag). Either is
    // for a person to read, never dropped.
    const std::optional<Quantity> quantity =
        match.spec_conflict ? std::nullopt
                            : (phrase ? InItemUnit(*phrase, match.item_index) : Quantity::Whole(1));
    if (!quantity) {
      AddUnknown(first, last, match.spec_conflict ? std::string() : SoldIn(match.item_index));
      return;
    }
    found_.push_back(
        FoundItem{match.item_index, *quantity, phrase != nullptr, first, last, segment});
  }

  // "3 latas de tinta azul", "tinta azul 3 latas", "2 baldes de 20 litros": a count with product
  // words. `leftover` is an unused count just before, which the words may continue.
  bool UnknownFromQuantity(const Segment& segment, const QuantityPhrase& phrase,
                           const QuantityPhrase* leftover) {
    if (phrase.weak) return false;
    if (const std::optional<size_t> last = WordsAfter(phrase.last + 1, segment.end)) {
      AddUnknown(phrase.first, *last);
      return true;
    }
    if (phrase.unit.empty()) return false;
    if (const std::optional<size_t> first = WordsBefore(phrase.first, segment.begin)) {
      const bool continues =
          leftover && leftover->last < phrase.first &&
          std::all_of(tokens_.begin() + leftover->last + 1, tokens_.begin() + phrase.first,
                      [](const Token& token) { return token.IsWord(); });
      AddUnknown(continues ? leftover->first : *first, phrase.last);
      return true;
    }
    return false;
  }

  bool Usable(size_t i) const {
    return available_[i] && tokens_[i].IsWord() && !IsChatterWord(tokens_[i].text);
  }

  std::optional<size_t> WordsAfter(size_t from, size_t end) const {
    std::optional<size_t> last;
    for (size_t i = from; i < end && i < from + kMaxUnknownWords && Usable(i); ++i) {
      if (i == from && IsNonProductNoun(tokens_[i].key)) return std::nullopt;
      if (IsContentWord(tokens_[i])) last = i;
    }
    return last;
  }

  std::optional<size_t> WordsBefore(size_t to, size_t begin) const {
    std::optional<size_t> first;
    for (size_t i = to; i > begin && to - i < kMaxUnknownWords && Usable(i - 1); --i) {
      if (IsContentWord(tokens_[i - 1])) first = i - 1;
    }
    return first;
  }

  // A short stretch of product-like words that matched nothing: no chatter, no question, no
  // token another parser took. Such a segment is an order line (Run) when bulleted in a message
  // with items, or in a run of them that follows order lines and continues their line, or is
  // followed by more order lines or by nothing but place, payment, day, an address or chatter
  // ("10 sacos de cimento / lona preta / pix amanhã centro").
  bool LooksLikeListEntry(const Segment& segment) const {
    if (segment.question) return false;
    size_t words = 0;
    bool content = false;
    for (size_t i = segment.begin; i < segment.end; ++i) {
      const Token& token = tokens_[i];
      if (!untouched_[i] || !available_[i]) return false;
      if (token.IsWord() && IsChatterWord(token.text)) return false;
      if (token.IsWord()) ++words;
      content = content || IsContentWord(token);
    }
    return content && words <= kMaxListEntryWords;
  }

  // Whether the segments after `s` hold no product word or number that other parsers (or the
  // address mask) did not take.
  bool NoOrderWordsAfter(const std::vector<Segment>& segments, size_t s) const {
    for (size_t j = s + 1; j < segments.size(); ++j) {
      for (size_t i = segments[j].begin; i < segments[j].end; ++i) {
        if (!untouched_[i] || !available_[i]) continue;
        if (IsContentWord(tokens_[i]) || tokens_[i].kind == TokenKind::kNumber) return false;
      }
    }
    return true;
  }

  std::string_view Original(size_t first, size_t last) const {
    return folded_.Original(message_, tokens_[first].begin, tokens_[last].end);
  }

  // The customer's words from `first` to `last`, followed by `note`.
  void AddUnknown(size_t first, size_t last, std::string_view note = {}) {
    unknown_.emplace_back(Original(first, last));
    unknown_.back() += note;
    unknown_ranges_.emplace_back(first, last);
  }

  std::string SoldIn(size_t item_index) const { return SoldInNote(catalog_.items[item_index]); }

  ItemsFound Finish() const {
    ItemsFound result;
    std::vector<FoundItem> merged;
    for (const FoundItem& found : found_) {
      auto same = std::find_if(merged.begin(), merged.end(), [&](const FoundItem& other) {
        return other.item_index == found.item_index;
      });
      if (same == merged.end()) {
        merged.push_back(found);
      } else if (found.counted) {
        same->quantity = same->counted ? same->quantity + found.quantity : found.quantity;
        same->counted = true;
      }
    }
    result.unknown = unknown_;
    for (const FoundItem& found : merged) {
      const CatalogItem& item = catalog_.items[found.item_index];
      std::string text(Original(found.first, found.last));
      if (found.quantity > kMaxQuantity) {  // rule 7
        result.unknown.push_back(std::move(text));
        continue;
      }
      result.items.push_back(
          ExtractedItem{item.sku, found.quantity, item.unit, std::move(text), found.counted});
    }
    result.bare = bare_;
    return result;
  }

  std::string_view message_;
  const FoldedText& folded_;
  const std::vector<Token>& tokens_;
  const Catalog& catalog_;
  const CatalogMatcher& matcher_;
  std::vector<bool> available_;
  std::vector<bool> untouched_;  // not used by the location, payment or delivery parsers
  std::vector<FoundItem> found_;
  std::vector<std::string> unknown_;
  std::vector<std::pair<size_t, size_t>> unknown_ranges_;  // token ranges of unknown_
  std::vector<BareQuantity> bare_;
  std::optional<size_t> last_head_;  // first token of the previous segment's last item
};

}  // namespace

std::string SoldInNote(const CatalogItem& item) {
  const std::string unit = CatalogUnitKey(item);
  const std::string_view unit_name = unit == "un"  ? std::string_view("unidade")
                                     : unit == "m" ? std::string_view("metro")
                                                   : std::string_view(item.unit);
  return " (" + item.name + ": vendemos por " + std::string(unit_name) + ")";
}

ItemsFound FindItems(std::string_view message, const FoldedText& folded,
                     const std::vector<Token>& tokens, const std::vector<bool>& claimed,
                     const Catalog& catalog, const CatalogMatcher& matcher, bool continues_order) {
  return ItemReader(message, folded, tokens, claimed, catalog, matcher).Run(continues_order);
}

}  // namespace orcazap::core

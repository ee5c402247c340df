#include "core/catalog_match.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/item_words.h"
#include "core/number_words.h"
#include "core/text_fold.h"
#include "core/word_forms.h"

namespace orcazap::core {
namespace {

constexpr int kMaxSkipped = 2;  // tokens allowed between two words of one name

// Tokens a name may run across without them counting as skipped.
bool IsFree(const Token& token) {
  if (token.IsWord()) return IsGlueWord(token.text);
  return token.IsPunct('-') || token.IsPunct(':') || token.IsPunct('(') || token.IsPunct(')');
}

// Tokens a name never runs across.
bool IsBarrier(const Token& token) {
  if (token.kind == TokenKind::kNewline) return true;
  return token.kind == TokenKind::kPunct && !IsFree(token);
}

bool OnlyFreeBetween(const std::vector<Token>& tokens, size_t from, size_t to) {
  for (size_t i = from + 1; i < to; ++i) {
    if (!IsFree(tokens[i])) return false;
  }
  return true;
}

// Whether number token `k` is followed by a unit or an "x" that make it a count ("10 sacos",
// "3x", "2 x").
bool ReadsAsCount(const std::vector<Token>& tokens, size_t k) {
  const Token* next = k + 1 < tokens.size() && tokens[k + 1].IsWord() ? &tokens[k + 1] : nullptr;
  if (next == nullptr) return false;
  if (QuantityUnit(next->key)) return true;
  return next->text == "x" && (next->glued || k + 2 >= tokens.size() || !tokens[k + 2].IsNumber());
}

// A number right after a product word is part of its name ("fio 2,5", "cimento cp ii 50kg",
// "ferro 3/8 12 barras") unless it reads as a count: followed by a unit or "x" the name does not
// hold, or a whole number where the name's previous word is missing ("cimento 10") and no count
// follows it ("arame 18 2kg" for "arame recozido 18": two counts in a row are a size and a count).
template <typename NameToken>
bool NumberBelongsToName(const std::vector<Token>& tokens, size_t k,
                         const NameToken* next_name_token, bool follows_name) {
  const Token* next = k + 1 < tokens.size() && tokens[k + 1].IsWord() ? &tokens[k + 1] : nullptr;
  const bool names_next = next && next_name_token && next_name_token->key == next->key;
  if (!names_next && ReadsAsCount(tokens, k)) return false;
  const bool count_follows = k + 1 < tokens.size() && tokens[k + 1].IsNumber();
  return names_next || follows_name || !tokens[k].value->is_whole() || count_follows;
}

bool IsCountWord(const Token& token) {
  return token.IsNumber() || (token.IsWord() && NumberWordValue(token.text).has_value());
}

}  // namespace

CatalogMatcher::CatalogMatcher(const Catalog& catalog) : specs_(catalog.items.size()) {
  for (size_t i = 0; i < catalog.items.size(); ++i) {
    const CatalogItem& item = catalog.items[i];
    if (!item.active) continue;
    AddName(i, item.name, false);
    for (const std::string& alias : item.aliases) AddName(i, alias, false);
    AddName(i, item.sku, true);
    AddSizes(i, item);
  }
  CountItemsPerKey();
}

void CatalogMatcher::AddName(size_t item_index, std::string_view text, bool is_sku) {
  Name name;
  name.item_index = item_index;
  name.is_sku = is_sku;
  for (const Token& token : Tokenize(Fold(text))) {
    if (token.kind == TokenKind::kPunct || token.kind == TokenKind::kNewline) continue;
    if (!is_sku && token.IsWord() && IsGlueWord(token.text)) continue;
    NameToken name_token{token.key, token.kind, ""};
    if (token.IsNumber()) {
      if (!token.value) continue;
      name_token.number = token.value->ToString();
    }
    name.tokens.push_back(std::move(name_token));
  }
  if (!is_sku) AddSpecs(item_index, name.tokens);
  if (!name.tokens.empty()) names_.push_back(std::move(name));
}

void CatalogMatcher::AddSpecs(size_t item_index, const std::vector<NameToken>& tokens) {
  for (const NameToken& token : tokens) {
    if (token.kind == TokenKind::kDimension) specs_[item_index].dimensions.insert(token.key);
    if (const auto colour = token.kind == TokenKind::kWord ? ColourOf(token.key) : std::nullopt) {
      specs_[item_index].colours.insert(*colour);
    }
  }
  for (size_t j = 0; j + 1 < tokens.size(); ++j) {
    const NameToken& token = tokens[j];
    const NameToken& next = tokens[j + 1];
    const bool next_is_word = j + 2 < tokens.size() && tokens[j + 2].kind == TokenKind::kWord;
    if (token.kind == TokenKind::kWord && next.kind == TokenKind::kNumber && !next_is_word) {
      // "fio 2,5", "ac2 20kg"; a number a word follows is that word's ("tijolo 8 furos").
      specs_[item_index].numbers_after[token.key].insert(next.number);
      sizes_after_[token.key].insert(next.number);
    } else if (token.kind == TokenKind::kNumber && next.kind == TokenKind::kWord) {
      specs_[item_index].numbers_before[next.key].insert(token.number);
    }
  }
}

void CatalogMatcher::AddSizes(size_t item_index, const CatalogItem& item) {
  static constexpr std::string_view kSizeUnits[] = {"kg", "l", "m", "m2", "m3"};
  static constexpr std::string_view kPackages[] = {"saco",  "lata", "galao",  "balde",
                                                   "barra", "rolo", "pacote", "caixa"};
  ItemSpecs& specs = specs_[item_index];
  const std::string sold_in = WordKey(Fold(item.unit));
  const bool package =
      std::find(std::begin(kPackages), std::end(kPackages), sold_in) != std::end(kPackages);
  for (std::string_view unit : kSizeUnits) {
    const auto numbers = specs.numbers_before.find(unit);
    if (numbers == specs.numbers_before.end() || numbers->second.size() != 1) continue;
    const std::optional<Quantity> size = Quantity::Parse(*numbers->second.begin());
    if (!size || *size <= Quantity()) continue;
    const bool multiples_are_items = package || (unit == "kg" && item.weight_kg == *size);
    specs.sizes.emplace(unit, ItemSpecs::Size{*size, multiples_are_items});
  }
}

CatalogMatcher::AmountInItems CatalogMatcher::InItems(size_t item_index, Quantity amount,
                                                      std::string_view unit_key) const {
  const auto found = specs_[item_index].sizes.find(unit_key);
  if (found == specs_[item_index].sizes.end()) return {};
  const Quantity size = found->second.amount;
  if (amount == size) return {AmountFit::kItems, Quantity::Whole(1)};
  if (found->second.multiples_are_items && amount > size && amount.milli() % size.milli() == 0) {
    return {AmountFit::kItems, Quantity::Whole(amount.milli() / size.milli())};
  }
  return {AmountFit::kOtherSize, Quantity()};
}

bool CatalogMatcher::IsDistinctive(const std::string& key) const {
  const auto found = items_per_key_.find(key);
  return found != items_per_key_.end() && found->second == 1;
}

void CatalogMatcher::CountItemsPerKey() {
  std::map<std::string, std::set<size_t>> items;
  for (const Name& name : names_) {
    for (const NameToken& token : name.tokens) items[token.key].insert(name.item_index);
  }
  for (const auto& [key, indices] : items) items_per_key_[key] = indices.size();
}

bool CatalogMatcher::NamesDimension(std::string_view dimension) const {
  for (const Name& name : names_) {
    for (const NameToken& token : name.tokens) {
      if (token.kind == TokenKind::kDimension && token.key == dimension) return true;
    }
  }
  return false;
}

namespace {

// Edits needed for customer token `k` to stand for `name_token`, or nullopt. `follows_name`
// says whether the name's previous token was matched, right before.
template <typename NameToken>
std::optional<int> TokenEdits(const NameToken& name_token, const NameToken* next_name_token,
                              const std::vector<Token>& tokens, size_t k, size_t previous,
                              bool follows_name) {
  const Token& token = tokens[k];
  switch (name_token.kind) {
    case TokenKind::kWord:
      if (!token.IsWord()) return std::nullopt;
      if (token.key == name_token.key) return 0;
      if (token.key[0] != name_token.key[0] || IsChatterWord(token.text)) return std::nullopt;
      return FuzzyWordMatch(token.key, name_token.key);
    case TokenKind::kDimension:
      if (token.kind != TokenKind::kDimension || token.text != name_token.key) return std::nullopt;
      return 0;
    case TokenKind::kNumber:
      if (!token.IsNumber() || !token.value || token.value->ToString() != name_token.number) {
        return std::nullopt;
      }
      if (!OnlyFreeBetween(tokens, previous, k)) return std::nullopt;
      return NumberBelongsToName(tokens, k, next_name_token, follows_name) ? std::optional<int>(0)
                                                                           : std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

bool CatalogMatcher::MatchFrom(const Name& name, size_t first_name_token, size_t begin,
                               size_t start, const std::vector<Token>& tokens, size_t end,
                               const std::vector<bool>& available, Candidate* out) const {
  std::vector<size_t> matched_name_tokens = {first_name_token};
  CatalogMatch match{name.item_index, {start}};
  int edits = *TokenEdits(name.tokens[first_name_token], static_cast<const NameToken*>(nullptr),
                          tokens, start, start, false);
  size_t pos = start;
  for (size_t j = first_name_token + 1; j < name.tokens.size(); ++j) {
    const NameToken* next = j + 1 < name.tokens.size() ? &name.tokens[j + 1] : nullptr;
    int skipped = 0;
    for (size_t k = pos + 1; k < end && skipped <= kMaxSkipped && !IsBarrier(tokens[k]); ++k) {
      if (IsFree(tokens[k])) continue;
      // "fio 10 rolos" for "Fio … rolo 100m": a counting unit after the customer's own count
      // is that count's, not the name's; a size unit stays a size ("cimento 25kg") unless
      // the amount is whole items ("cimento 100kg").
      const NameToken& wanted = name.tokens[j];
      const bool counts_unit =
          k - 1 != pos && IsCountWord(tokens[k - 1]) && wanted.kind == TokenKind::kWord &&
          QuantityUnit(wanted.key) &&
          (!IsDimensionUnit(wanted.key) ||
           (tokens[k - 1].value &&
            InItems(name.item_index, *tokens[k - 1].value, wanted.key).fit == AmountFit::kItems));
      const std::optional<int> token_edits = available[k] && !counts_unit
                                                 ? TokenEdits(name.tokens[j], next, tokens, k, pos,
                                                              matched_name_tokens.back() + 1 == j)
                                                 : std::nullopt;
      if (!token_edits) {
        ++skipped;
        continue;
      }
      if (name.is_sku && k != pos + 1) break;
      edits += *token_edits;
      matched_name_tokens.push_back(j);
      match.token_indices.push_back(k);
      pos = k;
      break;
    }
  }
  if (!Accept(name, matched_name_tokens, tokens, match)) return false;
  int chars = 0;
  for (size_t j : matched_name_tokens) chars += static_cast<int>(name.tokens[j].key.size());
  const bool head = matched_name_tokens.front() == 0;
  out->conflict = SpecConflict(name, matched_name_tokens, match, tokens, begin, end, available);
  out->match = std::move(match);
  out->score = chars * 4 - edits * 3 + (head ? 2 : 0);
  out->unmatched = static_cast<int>(name.tokens.size() - matched_name_tokens.size());
  return true;
}

bool CatalogMatcher::Accept(const Name& name, const std::vector<size_t>& matched_name_tokens,
                            const std::vector<Token>& tokens, const CatalogMatch& match) const {
  if (name.is_sku) return matched_name_tokens.size() == name.tokens.size();
  const size_t words =
      std::count_if(matched_name_tokens.begin(), matched_name_tokens.end(),
                    [&](size_t j) { return name.tokens[j].kind != TokenKind::kNumber; });
  if (words == 0) return false;
  // Units and sizes alone ("100 metros de 6mm") name nothing when the name has other words
  // ("Telha … 1,10m 6mm"); a dimension does ("10 m2 do 60x60").
  const auto names_product = [](const NameToken& token) {
    if (token.kind == TokenKind::kDimension) return true;
    return token.kind == TokenKind::kWord && !QuantityUnit(token.key) &&
           !IsDimensionUnit(token.key);
  };
  if (std::none_of(matched_name_tokens.begin(), matched_name_tokens.end(),
                   [&](size_t j) { return names_product(name.tokens[j]); }) &&
      std::any_of(name.tokens.begin(), name.tokens.end(), names_product)) {
    return false;
  }
  if (matched_name_tokens.size() >= 2) return true;
  const Token& token = tokens[match.first()];
  // "2 caixas de piso": a unit word after a count is not the product "caixa d'água".
  const bool counted = match.first() > 0 && IsCountWord(tokens[match.first() - 1]);
  if (token.IsWord() && QuantityUnit(token.key) && counted) return false;
  if (matched_name_tokens.front() == 0) return true;
  if (token.key != name.tokens[matched_name_tokens.front()].key) return false;  // no typo here
  const NameToken& only = name.tokens[matched_name_tokens.front()];
  const bool long_enough = only.kind == TokenKind::kDimension || only.key.size() >= 7;
  return long_enough && IsDistinctive(only.key);
}

std::vector<size_t> CatalogMatcher::SpecConflict(const Name& name,
                                                 const std::vector<size_t>& matched_name_tokens,
                                                 const CatalogMatch& match,
                                                 const std::vector<Token>& tokens, size_t begin,
                                                 size_t end,
                                                 const std::vector<bool>& available) const {
  const ItemSpecs& specs = specs_[match.item_index];
  if (specs.empty() && sizes_after_.empty()) return {};
  const std::vector<size_t>& matched = match.token_indices;
  const auto counted_before = [&] {  // "3 cano 50": the count is given, 50 is a size
    for (size_t k = begin; k < match.first(); ++k) {
      if (available[k] && IsCountWord(tokens[k])) return true;
    }
    return false;
  };
  for (size_t m = 0; m < matched.size(); ++m) {
    size_t at = matched[m] + 1;
    while (at < end && IsFree(tokens[at])) ++at;
    if (at >= end || match.Holds(at) || !available[at]) continue;
    const Token& spec = tokens[at];
    const Token& before = tokens[matched[m]];
    const std::string& key = name.tokens[matched_name_tokens[m]].key;
    if (spec.kind == TokenKind::kDimension) {
      // "piso 45x45" for "Piso porcelanato 60x60": a dimension of the same kind (a fraction
      // or a product of sizes) that none of the item's names has.
      const bool fraction = spec.text.find('/') != std::string::npos;
      const bool same_kind = std::any_of(
          specs.dimensions.begin(), specs.dimensions.end(), [&](const std::string& dimension) {
            return (dimension.find('/') != std::string::npos) == fraction;
          });
      if (same_kind && !specs.dimensions.contains(spec.text)) return {at};
      continue;
    }
    if (spec.IsWord()) {
      // "tinta azul" for "Tinta acrílica branca 18L".
      const std::optional<std::string_view> colour = ColourOf(spec.key);
      if (colour && !specs.colours.empty() && !specs.colours.contains(*colour)) return {at};
      continue;
    }
    if (!spec.IsNumber() || !spec.value) continue;
    if (NounThatIsNotAProductAfter(tokens, at)) continue;  // "joelho de 90 graus"
    const std::string number = spec.value->ToString();
    const Token* next = at + 1 < end && tokens[at + 1].IsWord() ? &tokens[at + 1] : nullptr;
    if (const auto numbers =
            next ? specs.numbers_before.find(next->key) : specs.numbers_before.end();
        numbers != specs.numbers_before.end()) {
      if (numbers->second.contains(number)) continue;
      // "fio 4mm", "tijolo 6 furos"; but "cimento 100kg" is 2 sacos, unless counted already.
      const bool items = !counted_before() &&
                         InItems(match.item_index, *spec.value, next->key).fit == AmountFit::kItems;
      if (!items) return {at, at + 1};
      continue;
    }
    if (!before.IsWord() || ReadsAsCount(tokens, at)) continue;
    const auto numbers = specs.numbers_after.find(key);
    const bool own = numbers != specs.numbers_after.end();
    if (own && numbers->second.contains(number)) continue;
    // Another item's names have this number right after this word: it is that item's size
    // ("cano de esgoto 50" when "tubo esgoto 50" is another item's name).
    const auto sizes = sizes_after_.find(key);
    const bool size_elsewhere = sizes != sizes_after_.end() && sizes->second.contains(number);
    if (!own && !size_elsewhere) continue;
    // A whole number on its own after a name word is a count ("cimento 10", "bloco 500")
    // unless it is glued to a code ("ac3") or follows one ("cp 3"), the count came first, the
    // mention goes on after it ("tubo 32 soldavel"), or it is another item's size.
    const bool code = spec.glued || before.text.size() <= 2;
    const bool inside = at < match.last();
    // Followed by a word of another name, it counts that item ("2 m brita 500 tijolo").
    if (!inside && !code && next && items_per_key_.contains(next->key)) continue;
    if (code || inside || !spec.value->is_whole() || counted_before() || size_elsewhere) {
      return {at};
    }
  }
  return {};
}

bool CatalogMatcher::Candidates(const Name& name, const std::vector<Token>& tokens, size_t begin,
                                size_t end, const std::vector<bool>& available,
                                std::vector<Candidate>* out) const {
  bool any = false;
  for (size_t k = begin; k < end; ++k) {
    if (!available[k]) continue;
    for (size_t j = 0; j < name.tokens.size(); ++j) {
      if (name.tokens[j].kind == TokenKind::kNumber) continue;
      if (name.is_sku && j > 0) break;
      if (!TokenEdits(name.tokens[j], static_cast<const NameToken*>(nullptr), tokens, k, k,
                      false)) {
        continue;
      }
      Candidate candidate;
      if (MatchFrom(name, j, begin, k, tokens, end, available, &candidate)) {
        out->push_back(std::move(candidate));
        any = true;
      }
    }
  }
  return any;
}

namespace {

// Other names of the chosen item found around it ("cano de esgoto 100mm" holds both "cano de
// esgoto" and "esgoto 100mm") belong to the same mention: their words are not another item.
template <typename Candidate>
void Absorb(const std::vector<Candidate>& candidates, const std::vector<Token>& tokens,
            std::vector<bool>* available, CatalogMatch* chosen) {
  for (const Candidate& other : candidates) {
    if (other.match.item_index != chosen->item_index) continue;
    // Overlapping or next to it, glue words between ("cano de esgoto 50").
    if (other.match.first() > chosen->last() &&
        !OnlyFreeBetween(tokens, chosen->last(), other.match.first())) {
      continue;
    }
    if (other.match.last() < chosen->first() &&
        !OnlyFreeBetween(tokens, other.match.last(), chosen->first())) {
      continue;
    }
    for (size_t k : other.match.token_indices) {
      if (!(*available)[k]) continue;
      (*available)[k] = false;
      chosen->token_indices.push_back(k);
    }
  }
  std::sort(chosen->token_indices.begin(), chosen->token_indices.end());
}

}  // namespace

std::vector<CatalogMatch> CatalogMatcher::FindAll(const std::vector<Token>& tokens, size_t begin,
                                                  size_t end, std::vector<bool>* available) const {
  std::vector<Candidate> candidates;
  for (const Name& name : names_) Candidates(name, tokens, begin, end, *available, &candidates);
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     if (a.unmatched != b.unmatched) return a.unmatched < b.unmatched;
                     if (a.match.item_index != b.match.item_index)
                       return a.match.item_index < b.match.item_index;
                     return a.match.first() < b.match.first();
                   });
  const auto all_available = [&](const std::vector<size_t>& indices) {
    return std::all_of(indices.begin(), indices.end(), [&](size_t k) { return (*available)[k]; });
  };
  // A match of the same mention that holds the very size another item lacks (its number, not
  // just its unit) is that size's item ("cano 50 de esgoto": "cano 50" is the 50 mm tube, which
  // is why "cano de esgoto", the 100 mm one, is ruled out): such matches go first.
  // So do matches for whose item the conflicting amount is whole items ("cimento 100kg" is 2
  // of the 50 kg bag, though not of the 40 kg one).
  const auto explains_conflict = [&](const Candidate& candidate) {
    if (!candidate.conflict.empty()) return false;
    const auto holds = [&](size_t k) { return candidate.match.Holds(k); };
    const auto in_items = [&](const std::vector<size_t>& conflict) {
      if (conflict.size() != 2 || !tokens[conflict[0]].value) return false;
      return InItems(candidate.match.item_index, *tokens[conflict[0]].value,
                     tokens[conflict[1]].key)
                 .fit == AmountFit::kItems;
    };
    return std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& ruled_out) {
      if (ruled_out.conflict.empty()) return false;
      const auto& mention = ruled_out.match.token_indices;
      if (!std::any_of(mention.begin(), mention.end(), holds)) return false;
      return holds(ruled_out.conflict.front()) || in_items(ruled_out.conflict);
    });
  };
  const bool any_conflict = std::any_of(candidates.begin(), candidates.end(),
                                        [](const Candidate& c) { return !c.conflict.empty(); });
  std::vector<const Candidate*> order, rest;
  for (const Candidate& candidate : candidates) {
    (any_conflict && explains_conflict(candidate) ? order : rest).push_back(&candidate);
  }
  order.insert(order.end(), rest.begin(), rest.end());
  std::vector<CatalogMatch> chosen;
  for (const Candidate* next : order) {
    const Candidate& candidate = *next;
    if (candidate.conflict.empty()) {
      if (!all_available(candidate.match.token_indices)) continue;
      for (size_t k : candidate.match.token_indices) (*available)[k] = false;
      chosen.push_back(candidate.match);
      Absorb(candidates, tokens, available, &chosen.back());
      continue;
    }
    // A mention ruled out, where no better match took its tokens: reported, with the tokens
    // that conflict. It outranks weaker matches of other items ("200 blocos de concreto
    // 19x19x39" is not the "bloco" of "bloco ceramico").
    std::vector<size_t> indices = candidate.match.token_indices;
    indices.insert(indices.end(), candidate.conflict.begin(), candidate.conflict.end());
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    if (!all_available(indices)) continue;
    for (size_t k : indices) (*available)[k] = false;
    chosen.push_back(CatalogMatch{candidate.match.item_index, std::move(indices), true});
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const CatalogMatch& a, const CatalogMatch& b) { return a.first() < b.first(); });
  return chosen;
}

std::vector<CatalogMatch> CatalogMatcher::FindWithHead(const std::vector<Token>& tokens,
                                                       size_t begin, size_t end, size_t at,
                                                       const Token& head,
                                                       std::vector<bool>* available) const {
  std::vector<Token> local(tokens.begin() + begin, tokens.begin() + at);
  const size_t head_index = local.size();
  local.push_back(head);
  local.insert(local.end(), tokens.begin() + at, tokens.begin() + end);
  std::vector<bool> local_available(available->begin() + begin, available->begin() + at);
  local_available.push_back(true);
  local_available.insert(local_available.end(), available->begin() + at, available->begin() + end);
  std::vector<CatalogMatch> found;
  for (CatalogMatch& match : FindAll(local, 0, local.size(), &local_available)) {
    auto& indices = match.token_indices;
    const auto head_at = std::find(indices.begin(), indices.end(), head_index);
    if (head_at == indices.end() || indices.size() < 2) continue;
    indices.erase(head_at);
    for (size_t& k : indices) {
      k = begin + (k > head_index ? k - 1 : k);
      (*available)[k] = false;
    }
    found.push_back(std::move(match));
  }
  return found;
}

}  // namespace orcazap::core

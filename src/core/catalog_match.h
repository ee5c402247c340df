#pragma once
// Finding catalog items in tokenized customer text (see token.h).
//
// Every item is known by several names: its name, its aliases and its SKU. A name matches when
// its words appear in the customer's text in order, each within a couple of tokens of the
// previous one (glue words like "de" are free), comparing singular, accent-free forms and
// tolerating small typos (see FuzzyWordMatch; chatter words like "manda" or "preco" must be
// exact). A number in a name ("50kg", "2,5mm") only matches the same number right after the
// previous matched word, and only when the name's word before it was matched too, the
// name's next word follows it, or it is not whole ("fio 2,5"); so "50 sacos de cimento" and
// "cimento 10" keep their quantities.
//
// A partial match counts when it holds the name's first word, or two of its words, or one
// long word (7+ letters, exact) no other item uses ("porcelanato"). The most specific match wins:
// the most characters of the customer's text covered, then the fewest name words left unmatched
// (the closest name), then catalog order.
//
// A size or grade the item does not have, written at a mention of it, makes the mention not
// that item ("ferro 5/16" when the catalog's ferro is "3/8", "fio 4mm" when its fio is "2,5mm",
// "argamassa ac3" when it is "AC2", "cimento 25kg", "tijolo 6 furos", "tinta azul" when its
// tinta is branca). The item's names (not its SKU) say which numbers follow which word ("fio
// 2,5", "ac2"), which numbers come before which word ("50kg", "8 furos"), and which dimensions
// ("3/8", "60x60") and colours the item has. A customer's number in one of those places with
// another value, or a dimension of the same kind (fraction or product) or a colour inside the
// mention or right after it that the item does not have, conflicts; a number that reads as a count
// does not ("fio 10 rolos"), nor does an amount that is whole items of the item ("cimento 100kg",
// InItems), nor does a whole number alone after a word ("cimento 10", "bloco 500", "fio 6"),
// unless a count came before it ("3 cano 50"), the mention goes on after it ("tubo 32
// soldavel"), it is glued to or follows a code of two letters ("ac3", "cp 3"), or another item's
// names have that number right after that word ("cano de esgoto 50" when "tubo esgoto 50" names
// another item). A match of another item that holds that very size (or reads that amount as its
// whole items) and part of the mention takes it first ("cano 50 de esgoto" is the 50 mm tube,
// not the 100 mm "cano de esgoto"); a mention ruled out that no better match takes is returned
// with `spec_conflict` set, so that it is reported as unknown rather than quoted as the wrong
// product or dropped. Two numbers in a row after a name: the first is the name's own number when
// it has it ("arame 18 2kg" for "arame recozido 18").

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/token.h"

namespace orcazap::core {

struct CatalogMatch {
  size_t item_index = 0;              // into Catalog::items
  std::vector<size_t> token_indices;  // matched customer tokens, ascending
  // The customer named the item with a size or grade it does not have (token_indices then
  // include the conflicting tokens): not this item, a mention to report as unknown.
  bool spec_conflict = false;
  size_t first() const { return token_indices.front(); }
  size_t last() const { return token_indices.back(); }
  bool Holds(size_t k) const {
    return std::binary_search(token_indices.begin(), token_indices.end(), k);
  }
};

class CatalogMatcher {
 public:
  // Inactive items are never matched.
  explicit CatalogMatcher(const Catalog& catalog);

  // The best non-overlapping matches among tokens[begin, end) whose `available` flag is set,
  // in text order, then the mentions with a conflicting size or grade that no match took. The
  // matched tokens' flags are cleared.
  std::vector<CatalogMatch> FindAll(const std::vector<Token>& tokens, size_t begin, size_t end,
                                    std::vector<bool>* available) const;

  // Like FindAll, reading the segment as if `head` (a product word the customer used just
  // before) stood right before tokens[at]: after "2 m de areia grossa", "e 2 de fina" reads
  // "2 de areia fina". Only matches that use both `head` and a token of the segment count.
  std::vector<CatalogMatch> FindWithHead(const std::vector<Token>& tokens, size_t begin, size_t end,
                                         size_t at, const Token& head,
                                         std::vector<bool>* available) const;

  // Whether some catalog name holds this dimension ("3/8", "60x60").
  bool NamesDimension(std::string_view dimension) const;

  // An amount the customer gave in a unit of the item's size ("100kg de cimento", "fio 200m",
  // "36 litros de tinta"), read against what the item's names say of that unit.
  enum class AmountFit {
    kNoSize,     // the names give no size in that unit ("10kg de areia"): not this function's
    kItems,      // `items` whole items hold it ("100kg" of "Cimento 50kg" is 2)
    kOtherSize,  // a size the item does not have ("25kg" of "Cimento 50kg")
  };
  struct AmountInItems {
    AmountFit fit = AmountFit::kNoSize;
    Quantity items;
    // The amount is the item's size itself ("20kg" of "Argamassa AC1 20kg").
    bool is_size() const { return fit == AmountFit::kItems && items == Quantity::Whole(1); }
  };
  // Units whose amounts are read this way: kg, l, m, m2, m3. The names must give one size in
  // that unit. The amount is whole items of it when it is that size, or a whole multiple of it
  // and the item is what holds the amount: the catalog sells it in a package (saco, lata, galão,
  // balde, barra, rolo, pacote, caixa: "cano 25 12m" is 2 barras of 6 m), or the size is in kg
  // and is the item's own weight ("rejunte 10kg" is 10 of 1 kg). A multiple of an item that is
  // its size is another size ("caixa d'água 2000 litros" is not 2 of 1000 L).
  AmountInItems InItems(size_t item_index, Quantity amount, std::string_view unit_key) const;

 private:
  struct NameToken {
    std::string key;
    TokenKind kind = TokenKind::kWord;
    std::string number;  // canonical value for numbers
  };
  struct Name {
    size_t item_index = 0;
    bool is_sku = false;
    std::vector<NameToken> tokens;
  };
  struct Candidate {
    CatalogMatch match;
    int score = 0;
    int unmatched = 0;
    // Customer tokens giving a size or grade the item lacks: the one token, or a number and its
    // unit when the size has a unit ("25 kg"; FindAll reads those as an amount).
    std::vector<size_t> conflict;
  };
  // What an item's names (not its SKU) say about its sizes and grades, by name word key.
  struct ItemSpecs {
    std::map<std::string, std::set<std::string>, std::less<>> numbers_after;   // "fio" -> {"2,5"}
    std::set<std::string> dimensions;                                          // {"3/8"}, {"60x60"}
    std::set<std::string_view> colours;                                        // {"branco"}
    std::map<std::string, std::set<std::string>, std::less<>> numbers_before;  // "kg" -> {"50"}
    // Of numbers_before, the units of InItems with the item's one size in each.
    struct Size {
      Quantity amount;                   // "kg" -> 50
      bool multiples_are_items = false;  // a package, or the item's own weight (InItems)
    };
    std::map<std::string, Size, std::less<>> sizes;
    bool empty() const {
      return numbers_after.empty() && dimensions.empty() && colours.empty() &&
             numbers_before.empty();
    }
  };

  void AddName(size_t item_index, std::string_view text, bool is_sku);
  bool Candidates(const Name& name, const std::vector<Token>& tokens, size_t begin, size_t end,
                  const std::vector<bool>& available, std::vector<Candidate>* out) const;
  bool MatchFrom(const Name& name, size_t first_name_token, size_t begin, size_t start,
                 const std::vector<Token>& tokens, size_t end, const std::vector<bool>& available,
                 Candidate* out) const;
  bool Accept(const Name& name, const std::vector<size_t>& matched_name_tokens,
              const std::vector<Token>& tokens, const CatalogMatch& match) const;
  // The customer tokens right at `match` that give a size, grade or colour its item does not
  // have; `matched_name_tokens` are the tokens of `name` the match's tokens stand for, in the
  // same order, and tokens[begin, match.first()) the rest of the segment before it.
  std::vector<size_t> SpecConflict(const Name& name, const std::vector<size_t>& matched_name_tokens,
                                   const CatalogMatch& match, const std::vector<Token>& tokens,
                                   size_t begin, size_t end,
                                   const std::vector<bool>& available) const;
  void AddSpecs(size_t item_index, const std::vector<NameToken>& tokens);
  void AddSizes(size_t item_index, const CatalogItem& item);
  bool IsDistinctive(const std::string& key) const;
  void CountItemsPerKey();

  std::vector<Name> names_;
  std::map<std::string, size_t> items_per_key_;  // how many items use a name word
  std::vector<ItemSpecs> specs_;                 // by item index
  // Every item's numbers_after together: the numbers some item has right after a word.
  std::map<std::string, std::set<std::string>, std::less<>> sizes_after_;
};

// A catalog with its matcher, built once per catalog version: building a matcher tokenizes
// every name and alias, so callers that extract many messages against one catalog keep one of
// these. Immutable after construction, so one instance may be shared between threads.
class PreparedCatalog {
 public:
  explicit PreparedCatalog(Catalog catalog = {})
      : catalog_(std::move(catalog)), matcher_(catalog_) {}
  PreparedCatalog(const PreparedCatalog&) = delete;
  PreparedCatalog& operator=(const PreparedCatalog&) = delete;

  const Catalog& catalog() const { return catalog_; }
  const CatalogMatcher& matcher() const { return matcher_; }

 private:
  Catalog catalog_;
  CatalogMatcher matcher_;  // indexes into catalog_.items
};

}  // namespace orcazap::core

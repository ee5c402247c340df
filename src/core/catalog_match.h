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

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/token.h"

namespace orcazap::core {

struct CatalogMatch {
  size_t item_index = 0;              // into Catalog::items
  std::vector<size_t> token_indices;  // matched customer tokens, ascending
  size_t first() const { return token_indices.front(); }
  size_t last() const { return token_indices.back(); }
};

class CatalogMatcher {
 public:
  // Inactive items are never matched.
  explicit CatalogMatcher(const Catalog& catalog);

  // The best non-overlapping matches among tokens[begin, end) whose `available` flag is set,
  // in text order. The matched tokens' flags are cleared.
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
  };

  void AddName(size_t item_index, std::string_view text, bool is_sku);
  bool Candidates(const Name& name, const std::vector<Token>& tokens, size_t begin, size_t end,
                  const std::vector<bool>& available, std::vector<Candidate>* out) const;
  bool MatchFrom(const Name& name, size_t first_name_token, size_t start,
                 const std::vector<Token>& tokens, size_t end, const std::vector<bool>& available,
                 Candidate* out) const;
  bool Accept(const Name& name, const std::vector<size_t>& matched_name_tokens,
              const std::vector<Token>& tokens, const CatalogMatch& match) const;
  bool IsDistinctive(const std::string& key) const;
  void CountItemsPerKey();

  std::vector<Name> names_;
  std::map<std::string, size_t> items_per_key_;  // how many items use a name word
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

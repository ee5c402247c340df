#include "core/freight.h"

#include <string>

namespace orcazap::core {

namespace {

// Base letter of a Latin-1 letter encoded as UTF-8 "\xC3 <byte>", or 0 when not a letter we fold.
char FoldLatin1(unsigned char second) {
  static constexpr std::string_view kUpper = "aaaaaaaceeeeiiiidnooooo/ouuuuyps";  // C3 80..9F
  const unsigned char lowered = second >= 0xA0 ? second - 0x20 : second;
  if (lowered < 0x80 || lowered > 0x9F) return 0;
  const char base = kUpper[lowered - 0x80];
  return base == '/' ? 0 : base;
}

// Lower-case ASCII, Latin-1 accents removed, runs of spaces collapsed, outer spaces dropped.
std::string FoldBairro(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (c == 0xC3 && i + 1 < text.size()) {
      if (const char base = FoldLatin1(static_cast<unsigned char>(text[i + 1])); base != 0) {
        out += base;
        ++i;
        continue;
      }
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

bool CepInRange(const std::string& cep, const FreightRule& rule) {
  if (!rule.cep_start || !rule.cep_end) return false;
  // Both sides are 8 ASCII digits, so string order is numeric order.
  return *rule.cep_start <= cep && cep <= *rule.cep_end;
}

}  // namespace

bool SameBairro(std::string_view a, std::string_view b) { return FoldBairro(a) == FoldBairro(b); }

const FreightRule* FindFreightRule(const std::vector<FreightRule>& rules,
                                   const Location& location) {
  if (location.bairro) {
    for (const FreightRule& rule : rules) {
      if (rule.bairro && SameBairro(*rule.bairro, *location.bairro)) return &rule;
    }
  }
  if (location.cep && location.cep->size() == 8) {
    for (const FreightRule& rule : rules) {
      if (CepInRange(*location.cep, rule)) return &rule;
    }
  }
  return nullptr;
}

Money FreightUnderRule(const FreightRule& rule, Money goods_subtotal, Weight total_weight) {
  if (rule.free_above && goods_subtotal >= *rule.free_above) return Money();
  if (!rule.per_kg) return rule.base;
  constexpr int64_t kMilligramsPerKg = 1'000'000;
  const WideInt product = static_cast<WideInt>(rule.per_kg->centavos()) * total_weight.milligrams;
  return rule.base + Money::Centavos(DivideRoundHalfUp(product, kMilligramsPerKg));
}

std::optional<Money> ComputeFreight(const std::vector<FreightRule>& rules,
                                    const std::optional<Location>& location, Money goods_subtotal,
                                    Weight total_weight) {
  if (!location) return std::nullopt;
  const FreightRule* rule = FindFreightRule(rules, *location);
  if (rule == nullptr) return std::nullopt;
  return FreightUnderRule(*rule, goods_subtotal, total_weight);
}

}  // namespace orcazap::core

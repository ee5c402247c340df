#include "core/freight.h"

#include <string>

#include "core/text_fold.h"

namespace orcazap::core {

namespace {

// Folded (lower-case ASCII, no accents), runs of spaces collapsed, outer spaces dropped.
std::string FoldBairro(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char c : Fold(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
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

std::optional<Money> FreightUnderRule(const FreightRule& rule, Money goods_subtotal,
                                      Weight total_weight) {
  if (rule.free_above && goods_subtotal >= *rule.free_above) return Money();
  if (!rule.per_kg) return rule.base;
  constexpr int64_t kMilligramsPerKg = 1'000'000;
  const WideInt product = static_cast<WideInt>(rule.per_kg->centavos()) * total_weight.milligrams;
  return Money::FromWide(rule.base.centavos() + DivideRoundHalfUp(product, kMilligramsPerKg));
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

#include "adapters/web/rules_pages.h"

#include <charconv>

#include "core/quantity.h"
#include "core/text_data.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

}  // namespace

std::optional<int> ParsePercentBasisPoints(std::string_view text, bool allow_negative) {
  std::string canonical;
  for (char c : text) {
    if (c == ' ' || c == '%') continue;
    canonical += c == ',' ? '.' : c;
  }
  bool negative = false;
  if (!canonical.empty() && canonical.front() == '-') {
    if (!allow_negative) return std::nullopt;
    negative = true;
    canonical.erase(0, 1);
  }
  auto money = core::Money::ParseReais(canonical);  // same shape: digits, at most 2 decimals
  if (!money || money->centavos() > 10000) return std::nullopt;
  const int basis_points = static_cast<int>(money->centavos());
  return negative ? -basis_points : basis_points;
}

std::string PercentPtBr(int basis_points) {
  std::string text =
      core::Money::Centavos(basis_points < 0 ? -basis_points : basis_points).ToReaisString();
  while (text.ends_with('0') && text.find('.') != std::string::npos) text.pop_back();
  if (text.ends_with('.')) text.pop_back();
  for (char& c : text) c = c == '.' ? ',' : c;
  return (basis_points < 0 ? "-" : "") + text;
}

std::optional<Response> RulesPages::Handle(const StoreRequest& request) {
  const std::string& path = request.http.path;
  if (!InSection(path, "/regras")) return std::nullopt;
  const bool get = request.http.method == "GET" || request.http.method == "HEAD";
  if (!get && !request.session.is_owner())
    return OwnersOnly(request, "mudar as regras de preço", "/regras");
  auto rules = pricing_.PricingRulesOf(request.session.tenant_id);
  if (!rules) return Unavailable("cannot load pricing rules", rules.error());
  if (path == "/regras" && get) return Show(request, *rules, "", "", 200);
  if (request.http.method != "POST") return NotFound(request);
  const Form form = ParseForm(request.http);
  if (path == "/regras") {
    auto pix =
        ParsePercentBasisPoints(form.Get("pix_discount").empty() ? "0" : form.Get("pix_discount"));
    if (!pix) return Show(request, *rules, "", "Desconto no PIX inválido.", 422);
    std::optional<int> margin;
    if (!form.Get("min_margin").empty()) {
      margin = ParsePercentBasisPoints(form.Get("min_margin"), true);
      if (!margin) return Show(request, *rules, "", "Margem mínima inválida.", 422);
    }
    std::optional<core::Money> above;
    if (!form.Get("total_above").empty()) {
      above = ParseReaisPtBr(form.Get("total_above"));
      if (!above || above->centavos() < 0) {
        return Show(request, *rules, "", "Valor para aprovação inválido.", 422);
      }
    }
    rules->pix_discount_basis_points = *pix;
    rules->min_margin_basis_points = margin;
    rules->approval_total_above = above;
    return Save(request, *rules, "Regras salvas.");
  }
  if (path == "/regras/descontos") {
    std::string typed = form.Get("min_quantity");
    for (char& c : typed) c = c == ',' ? '.' : c;
    const auto quantity = core::Quantity::Parse(typed);
    const auto discount = ParsePercentBasisPoints(form.Get("discount"));
    if (!quantity || !discount || *discount <= 0) {
      return Show(request, *rules, "", "Informe a quantidade mínima e o desconto (%).", 422);
    }
    core::VolumeDiscount added;
    if (!form.Get("sku").empty()) added.sku = form.Get("sku");
    added.min_quantity = *quantity;
    added.pct_basis_points = *discount;
    rules->volume_discounts.push_back(added);
    return Save(request, *rules, "Desconto adicionado.");
  }
  if (const auto discount = InSection(path, "/regras/descontos");
      discount && discount->action == "excluir") {
    const std::string& text = discount->id;
    size_t index = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
    if (error != std::errc() || end != text.data() + text.size() ||
        index >= rules->volume_discounts.size()) {
      return NotFound(request);
    }
    rules->volume_discounts.erase(rules->volume_discounts.begin() + index);
    return Save(request, *rules, "Desconto removido.");
  }
  return NotFound(request);
}

Response RulesPages::Save(const StoreRequest& request, core::PricingRules rules,
                          const std::string& notice) {
  auto saved = pricing_.SavePricingRules(request.session.tenant_id, request.session.user_id, rules);
  if (!saved) {
    if (saved.error().code() == core::ErrorCode::kNotFound) {
      auto current = pricing_.PricingRulesOf(request.session.tenant_id);
      if (!current) return Unavailable("cannot load pricing rules", current.error());
      return Show(request, *current, "", "Não há item com este SKU no catálogo.", 422);
    }
    return Unavailable("cannot save pricing rules", saved.error());
  }
  return Show(request, rules, notice, "", 200);
}

Response RulesPages::Show(const StoreRequest& request, const core::PricingRules& rules,
                          const std::string& notice, const std::string& error, int status) {
  Html discounts;
  for (size_t i = 0; i < rules.volume_discounts.size(); ++i) {
    const core::VolumeDiscount& discount = rules.volume_discounts[i];
    discounts.markup += RenderTemplate("discount_row.html",
                                       {{"sku", discount.sku ? *discount.sku : "todos os itens"},
                                        {"min_quantity", core::QuantityPtBr(discount.min_quantity)},
                                        {"discount", PercentPtBr(discount.pct_basis_points) + "%"},
                                        {"index", std::to_string(i)},
                                        {"csrf", request.session.csrf_token}})
                            .markup;
  }
  return StorePage(
      request, status, "Regras de preço",
      RenderTemplate(
          "rules.html",
          {{"notice", Optional("notice.html", notice)},
           {"form_error", Optional("form_error.html", error)},
           {"csrf", request.session.csrf_token},
           {"pix_discount", PercentPtBr(rules.pix_discount_basis_points)},
           {"min_margin",
            rules.min_margin_basis_points ? PercentPtBr(*rules.min_margin_basis_points) : ""},
           {"total_above",
            rules.approval_total_above ? rules.approval_total_above->ToReaisString() : ""},
           {"discounts", std::move(discounts)}}));
}

}  // namespace orcazap::adapters::web

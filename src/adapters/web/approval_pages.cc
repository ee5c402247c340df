#include "adapters/web/approval_pages.h"

#include <chrono>
#include <ctime>

#include "adapters/log/log.h"
#include "core/text_data.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

const char* ReasonPtBr(core::ApprovalReason reason) {
  switch (reason) {
    case core::ApprovalReason::kUnknownItem:
      return "item fora do catálogo";
    case core::ApprovalReason::kFreightUnknown:
      return "frete desconhecido";
    case core::ApprovalReason::kMarginBelowMinimum:
      return "margem abaixo do mínimo";
    case core::ApprovalReason::kTotalAboveThreshold:
      return "total acima do limite";
  }
  return "";
}

std::string Reasons(const std::vector<core::ApprovalReason>& reasons) {
  std::string out;
  for (auto reason : reasons) out += (out.empty() ? "" : ", ") + std::string(ReasonPtBr(reason));
  return out.empty() ? "—" : out;
}

std::string Customer(const std::string& name, const std::string& phone) {
  return (name.empty() ? "" : name + " ") + "+" + phone;
}

Html Join(const std::vector<Html>& parts) {
  Html joined;
  for (const Html& part : parts) joined.markup += part.markup;
  return joined;
}

// The person's edits from the approve form; kInvalidInput naming a bad field.
core::Result<core::QuoteEdits> EditsFrom(const Form& form, const core::Quote& quote) {
  core::QuoteEdits edits;
  for (const core::QuoteLine& line : quote.lines) {
    std::string typed_quantity = form.Get("quantity:" + line.sku);
    if (typed_quantity.empty()) continue;
    for (char& c : typed_quantity) c = c == ',' ? '.' : c;
    auto quantity = core::Quantity::Parse(typed_quantity);
    if (!quantity) {
      return core::Error::InvalidInput("Quantidade inválida para " + line.name + ": \"" +
                                       form.Get("quantity:" + line.sku) + "\".");
    }
    if (*quantity != line.quantity) edits.quantities.push_back({line.sku, *quantity});
  }
  for (const core::QuoteLine& line : quote.lines) {
    const std::string typed = form.Get("price:" + line.sku);
    if (typed.empty()) continue;
    auto price = ParseReaisPtBr(typed);
    if (!price) {
      return core::Error::InvalidInput("Preço inválido para " + line.name + ": \"" + typed +
                                       "\" (use por exemplo 38,90).");
    }
    if (*price != line.unit_price) edits.prices.push_back({line.sku, *price});
  }
  edits.drop_unknown = form.Get("drop_unknown") == "1";
  if (const std::string sku = form.Get("add_sku"); !sku.empty()) {
    std::string typed = form.Get("add_quantity");
    for (char& c : typed) c = c == ',' ? '.' : c;
    auto quantity = core::Quantity::Parse(typed);
    if (!quantity) {
      return core::Error::InvalidInput("Quantidade inválida para " + sku + ": \"" +
                                       form.Get("add_quantity") + "\".");
    }
    edits.additions.push_back({sku, *quantity});
  }
  if (const std::string typed = form.Get("freight"); !typed.empty()) {
    auto freight = ParseReaisPtBr(typed);
    if (!freight) return core::Error::InvalidInput("Frete inválido: \"" + typed + "\".");
    edits.freight = *freight;
  }
  return edits;
}

Response Done(const StoreRequest& request, const std::string& quote_id, const std::string& text) {
  Html done = RenderTemplate("approval_done.html", {{"quote_id", quote_id}, {"text", text}});
  if (IsHtmx(request.http)) return Fragment(200, std::move(done));
  return StorePage(request, 200, "Aprovações", std::move(done));
}

}  // namespace

std::optional<Response> ApprovalPages::Handle(const StoreRequest& request) {
  const auto where = InSection(request.http.path, "/aprovacoes");
  if (!where) return std::nullopt;
  const bool get = request.http.method == "GET" || request.http.method == "HEAD";
  if (where->root) return get ? List(request) : NotFound(request);
  const std::string& quote_id = where->id;
  const std::string& action = where->action;
  if (action.empty() && get) return Show(request, quote_id);
  if (request.http.method == "POST" && action == "aprovar") return Approve(request, quote_id);
  if (request.http.method == "POST" && action == "rejeitar") return Reject(request, quote_id);
  return NotFound(request);
}

Response ApprovalPages::List(const StoreRequest& request) {
  auto pending = ports_.approvals.PendingApprovals(request.session.tenant_id);
  if (!pending) return Unavailable("cannot list approvals", pending.error());
  std::vector<Html> rows;
  for (const service::PendingApproval& approval : *pending) {
    rows.push_back(
        RenderTemplate("approval_row.html",
                       {{"quote_id", approval.quote_id},
                        {"customer", Customer(approval.customer_name, approval.customer_phone)},
                        {"reasons", Reasons(approval.reasons)},
                        {"total", approval.total.ToBrl()},
                        {"requested_at", DateTimePtBr(approval.requested_at)}}));
  }
  return StorePage(
      request, 200, "Aprovações",
      RenderTemplate(
          "approvals.html",
          {{"rows", Join(rows)},
           {"empty", Optional("notice.html",
                              rows.empty() ? "Nenhum orçamento esperando aprovação." : "")}}));
}

Response ApprovalPages::Show(const StoreRequest& request, const std::string& quote_id,
                             const std::string& error, int status) {
  auto view = service::ShowApproval(request.session.tenant_id, quote_id, ports_.approvals, 20);
  if (!view) {
    if (view.error().code() == core::ErrorCode::kNotFound) return NotFound(request);
    return Unavailable("cannot show approval", view.error());
  }
  const service::ApprovalCase& approval = view->approval;
  if (approval.approval_status != "pending") {
    return Done(request, quote_id,
                approval.approval_status == "approved" ? "Este orçamento já foi aprovado."
                                                       : "Este orçamento já foi recusado.");
  }
  const core::Quote& quote = approval.quote;
  std::vector<Html> lines;
  for (const core::QuoteLine& line : quote.lines) {
    lines.push_back(
        RenderTemplate("approval_line.html", {{"sku", line.sku},
                                              {"name", line.name},
                                              {"quantity_value", core::QuantityPtBr(line.quantity)},
                                              {"unit", core::UnitPtBr(line.unit, line.quantity)},
                                              {"unit_price", line.unit_price.ToReaisString()},
                                              {"line_total", line.line_total.ToBrl()}}));
  }
  std::string unknown_items;
  for (const std::string& item : quote.unknown) {
    unknown_items += (unknown_items.empty() ? "" : ", ") + item;
  }
  std::vector<Html> messages;
  for (const service::TranscriptEntry& entry : view->messages) {
    messages.push_back(RenderTemplate("thread_message.html",
                                      {{"direction", entry.inbound ? "inbound" : "outbound"},
                                       {"at", DateTimePtBr(entry.at)},
                                       {"text", entry.text}}));
  }
  const service::ConversationRecord& conversation = approval.conversation;
  Html content = RenderTemplate(
      "approval.html",
      {{"quote_id", quote_id},
       {"customer", Customer(conversation.customer_name, conversation.customer_phone)},
       {"reasons", Reasons(approval.reasons)},
       {"form_error", Optional("form_error.html", error)},
       {"csrf", request.session.csrf_token},
       {"lines", Join(lines)},
       {"unknown", unknown_items.empty()
                       ? Html{}
                       : RenderTemplate("approval_unknown.html", {{"items", unknown_items}})},
       {"subtotal", quote.subtotal.ToBrl()},
       {"freight", quote.freight ? quote.freight->ToBrl() : "a definir"},
       {"payment_discount", quote.payment_discount.ToBrl()},
       {"total", quote.total.ToBrl()},
       {"freight_input", quote.freight ? Html{} : RenderTemplate("approval_freight.html", {})},
       {"messages", Join(messages)}});
  if (IsHtmx(request.http)) {
    // The form is swapped in place: give back only its block.
    const std::string marker = "<div id=\"approval-" + quote_id + "\"";
    const size_t start = content.markup.find(marker);
    if (start != std::string::npos) content.markup = content.markup.substr(start);
    return Fragment(status, std::move(content));
  }
  return StorePage(request, status, "Aprovação", std::move(content));
}

Response ApprovalPages::Approve(const StoreRequest& request, const std::string& quote_id) {
  auto found = ports_.approvals.FindApproval(request.session.tenant_id, quote_id);
  if (!found) return Unavailable("cannot load approval", found.error());
  if (!*found) return NotFound(request);
  auto edits = EditsFrom(ParseForm(request.http), (*found)->quote);
  if (!edits) return Show(request, quote_id, edits.error().message(), 422);
  auto outcome = service::Approve(request.session.tenant_id,
                                  {quote_id, *edits, request.session.email}, ports_);
  if (!outcome) {
    const auto code = outcome.error().code();
    if (code == core::ErrorCode::kInvalidInput || code == core::ErrorCode::kConflict) {
      return Show(request, quote_id, outcome.error().message(),
                  code == core::ErrorCode::kConflict ? 409 : 422);
    }
    if (code == core::ErrorCode::kNotFound) return NotFound(request);
    return Unavailable("cannot approve", outcome.error());
  }
  adapters::log::Info("quote approved in the panel",
                      {{"quote_id", quote_id}, {"user_id", request.session.user_id}});
  return Done(request, quote_id,
              "Orçamento aprovado: " + outcome->quote->total.ToBrl() +
                  ". Ele está sendo enviado ao cliente.");
}

Response ApprovalPages::Reject(const StoreRequest& request, const std::string& quote_id) {
  const bool send_decline = ParseForm(request.http).Get("send_decline") == "1";
  auto outcome = service::Reject(request.session.tenant_id,
                                 {quote_id, send_decline, request.session.email}, ports_);
  if (!outcome) {
    const auto code = outcome.error().code();
    if (code == core::ErrorCode::kNotFound) return NotFound(request);
    if (code == core::ErrorCode::kConflict)
      return Show(request, quote_id, outcome.error().message(), 409);
    return Unavailable("cannot reject", outcome.error());
  }
  return Done(request, quote_id,
              send_decline ? "Orçamento recusado; o cliente foi avisado." : "Orçamento recusado.");
}

}  // namespace orcazap::adapters::web

#include "adapters/web/catalog_pages.h"

#include "adapters/http/url.h"
#include "adapters/log/log.h"
#include "adapters/web/multipart.h"
#include "adapters/web/rules_pages.h"

namespace orcazap::adapters::web {
namespace {

using http::Response;

constexpr int kMaxRows = 500;

// An id attribute for a SKU (letters, digits, '-', '_'; anything else as '_' plus its code).
std::string RowId(const std::string& sku) {
  std::string id;
  for (unsigned char c : sku) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
      id += static_cast<char>(c);
    } else {
      id += '_';
      id += std::to_string(c);
    }
  }
  return id;
}

Html Row(const service::CatalogRow& item, const std::string& csrf, Html note = {}) {
  return RenderTemplate("catalog_row.html", {{"row_id", RowId(item.sku)},
                                             {"inactive_class", item.active ? "" : " inactive"},
                                             {"sku", item.sku},
                                             {"name", item.name},
                                             {"unit", item.unit},
                                             {"price", item.price.ToReaisString()},
                                             {"csrf", csrf},
                                             {"note", std::move(note)}});
}

Html Note(const std::string& kind, const std::string& message) {
  return RenderTemplate("inline_note.html", {{"kind", kind}, {"message", message}});
}

}  // namespace

std::optional<Response> CatalogPages::Handle(const StoreRequest& request) {
  const std::string& path = request.http.path;
  const std::string& method = request.http.method;
  if (path == "/catalogo" && (method == "GET" || method == "HEAD")) return List(request);
  if (path == "/catalogo.csv" && method == "GET") return Export(request);
  if (path == "/catalogo/preco" && method == "POST") return SetPrice(request);
  if (path == "/catalogo/importar" && method == "POST") return Import(request);
  if (path == "/catalogo/reajuste" && method == "POST") return ChangePrices(request);
  return std::nullopt;
}

Response CatalogPages::List(const StoreRequest& request, Html report, int status) {
  const std::string query(request.http.Query("q"));
  auto items = editor_.SearchItems(request.session.tenant_id, query, kMaxRows);
  if (!items) return Unavailable("cannot list the catalog", items.error());
  Html rows;
  for (const auto& item : *items) rows.markup += Row(item, request.session.csrf_token).markup;
  if (IsHtmx(request.http) && request.http.method == "GET") return Fragment(status, rows);
  return StorePage(
      request, status, "Catálogo",
      RenderTemplate("catalog.html",
                     {{"query", query},
                      {"scope", query.empty() ? std::string("todos os itens ativos")
                                              : "os itens ativos com \"" + query + "\""},
                      {"report", std::move(report)},
                      {"rows", std::move(rows)},
                      {"csrf", request.session.csrf_token}}));
}

Response CatalogPages::SetPrice(const StoreRequest& request) {
  const Form form = ParseForm(request.http);
  const std::string sku = form.Get("sku");
  const auto price = ParseReaisPtBr(form.Get("price"));
  if (!price || price->centavos() < 0) {
    auto items = editor_.SearchItems(request.session.tenant_id, sku, kMaxRows);
    if (!items) return Unavailable("cannot read the item", items.error());
    for (const auto& item : *items) {
      if (item.sku != sku) continue;
      return Fragment(422, Row(item, request.session.csrf_token,
                               Note("field-error", "Preço inválido: \"" + form.Get("price") +
                                                       "\" (use por exemplo 38,90).")));
    }
    return NotFound(request);
  }
  auto updated = editor_.SetPrice(request.session.tenant_id, request.session.user_id, sku, *price);
  if (!updated) return Unavailable("cannot set a price", updated.error());
  if (!*updated) return NotFound(request);
  adapters::log::Info("price changed in the panel",
                      {{"sku", sku}, {"user_id", request.session.user_id}});
  if (!IsHtmx(request.http)) return Redirect("/catalogo?q=" + http::PercentEncode(sku));
  return Fragment(200, Row(**updated, request.session.csrf_token, Note("saved", "Salvo")));
}

Response CatalogPages::Import(const StoreRequest& request) {
  auto parts = ParseMultipart(request.http.Header("content-type"), request.http.body);
  const FormPart* file = nullptr;
  if (parts) {
    for (const FormPart& part : *parts) {
      if (part.name == "file") file = &part;
    }
  }
  auto refuse = [&](const std::string& message) {
    return List(request, Optional("form_error.html", message), 422);
  };
  if (file == nullptr || file->data.empty()) return refuse("Escolha um arquivo CSV para importar.");
  if (file->data.size() > kMaxCatalogImportBytes) return refuse("O arquivo passa de 4 MB.");
  const std::string name = file->filename.empty() ? "catalogo.csv" : file->filename;
  auto summary = files_.ImportCsv(request.store.slug, request.session.user_id, name, file->data);
  if (!summary) {
    if (summary.error().code() == core::ErrorCode::kInvalidInput) {
      return refuse("Arquivo recusado, nada foi importado: " + summary.error().message());
    }
    return Unavailable("cannot import a catalog", summary.error());
  }
  Html problems;
  for (const std::string& problem : summary->problems) {
    problems.markup += RenderTemplate("list_item.html", {{"text", problem}}).markup;
  }
  Html report =
      RenderTemplate("catalog_report.html", {{"file", name},
                                             {"created", std::to_string(summary->created)},
                                             {"updated", std::to_string(summary->updated)},
                                             {"unchanged", std::to_string(summary->unchanged)},
                                             {"skipped", std::to_string(summary->problems.size())},
                                             {"problems", std::move(problems)}});
  return List(request, std::move(report));
}

Response CatalogPages::ChangePrices(const StoreRequest& request) {
  if (!request.session.is_owner()) {
    return List(request, Optional("form_error.html", "Só o dono da loja pode reajustar preços."),
                403);
  }
  const Form form = ParseForm(request.http);
  const auto basis_points = ParsePercentBasisPoints(form.Get("percent"), true);
  if (!basis_points || *basis_points == 0 || *basis_points < -9000) {
    return List(request,
                Optional("form_error.html", "Percentual inválido: \"" + form.Get("percent") +
                                                "\" (de -90 a 100, por exemplo 5 ou -2,5)."),
                422);
  }
  auto changed = editor_.ChangePrices(request.session.tenant_id, request.session.user_id,
                                      form.Get("q"), *basis_points);
  if (!changed) return Unavailable("cannot change prices", changed.error());
  return List(request,
              Optional("notice.html", std::to_string(*changed) + " preços reajustados em " +
                                          PercentPtBr(*basis_points) + "%."));
}

Response CatalogPages::Export(const StoreRequest& request) {
  auto csv = files_.ExportCsv(request.store.slug);
  if (!csv) return Unavailable("cannot export the catalog", csv.error());
  Response response;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(csv).value();
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"catalogo-" + request.store.slug + ".csv\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace orcazap::adapters::web

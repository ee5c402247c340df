#pragma once
// The panel's catalog: search, inline price edit (audited), CSV import with a
// per-row report (good rows in, bad rows named) and CSV export.
//
// Routes (store host, logged in): GET /catalogo[?q=], POST /catalogo/preco (sku, price),
// POST /catalogo/importar (multipart: file), GET /catalogo.csv, POST /catalogo/reajuste
// (percent, q: a bulk percentage change of the active items matching the search; owners only).
// Every read and write is scoped by the session's tenant; another tenant's SKU is 404.

#include <optional>

#include "adapters/web/page.h"
#include "service/catalog_admin.h"

namespace orcazap::adapters::web {

// A catalog CSV uploaded to kCatalogImportPath may be this large (a store with tens of thousands
// of items); serve lets that one path's body exceed MAX_BODY_BYTES by so much plus the form's
// framing (kCatalogImportBodyBytes).
inline constexpr char kCatalogImportPath[] = "/catalogo/importar";
inline constexpr size_t kMaxCatalogImportBytes = 4 << 20;
inline constexpr size_t kCatalogImportBodyBytes = kMaxCatalogImportBytes + (64 << 10);

class CatalogPages {
 public:
  CatalogPages(service::CatalogEditor& editor, service::CatalogFiles& files)
      : editor_(editor), files_(files) {}
  // nullopt when the path is not a catalog page.
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response List(const StoreRequest& request, Html report = {}, int status = 200);
  http::Response SetPrice(const StoreRequest& request);
  http::Response Import(const StoreRequest& request);
  http::Response Export(const StoreRequest& request);
  http::Response ChangePrices(const StoreRequest& request);

  service::CatalogEditor& editor_;
  service::CatalogFiles& files_;
};

}  // namespace orcazap::adapters::web

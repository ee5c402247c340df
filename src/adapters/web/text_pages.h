#pragma once
// The panel's customer texts: every text with its status, editing one with a
// live preview on sample data (htmx), validated before it is stored (a broken template or an
// unknown variable is refused naming it, nothing stored), and going back to the default.
//
// Routes (store host, logged in): GET /textos, GET /textos/{key}, POST /textos/{key} (body),
// POST /textos/{key}/previa (body), POST /textos/{key}/padrao.

#include <optional>

#include "adapters/web/page.h"
#include "service/text_admin.h"

namespace orcazap::adapters::web {

class TextPages {
 public:
  explicit TextPages(service::TextAdmin& texts) : texts_(texts) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response List(const StoreRequest& request);
  http::Response Edit(const StoreRequest& request, const std::string& key,
                      std::optional<std::string> body = std::nullopt, const std::string& error = "",
                      const std::string& notice = "", int status = 200);
  http::Response Save(const StoreRequest& request, const std::string& key);
  http::Response Preview(const StoreRequest& request, const std::string& key);
  http::Response Reset(const StoreRequest& request, const std::string& key);

  service::TextAdmin& texts_;
};

}  // namespace orcazap::adapters::web

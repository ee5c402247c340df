#pragma once
// The panel's catalog CSV import and export (service::CatalogFiles), over the same functions as
// `orcazap catalog import|export` (app/catalog_files.h). A panel import keeps the good rows and
// reports the bad ones (skip_bad_rows) and writes its audit row in the import's transaction.

#include "adapters/postgres/connection.h"
#include "service/catalog_admin.h"

namespace orcazap::app {

class PanelCatalogFiles : public service::CatalogFiles {
 public:
  explicit PanelCatalogFiles(adapters::postgres::PgPool& pool) : pool_(pool) {}
  core::Result<service::CatalogImportSummary> ImportCsv(const std::string& slug,
                                                        const std::string& user_id,
                                                        const std::string& file_name,
                                                        std::string_view text) override;
  core::Result<std::string> ExportCsv(const std::string& slug) override;

 private:
  adapters::postgres::PgPool& pool_;
};

}  // namespace orcazap::app

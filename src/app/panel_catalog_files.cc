#include "app/panel_catalog_files.h"

#include "app/catalog_files.h"

namespace orcazap::app {

core::Result<service::CatalogImportSummary> PanelCatalogFiles::ImportCsv(
    const std::string& slug, const std::string& user_id, const std::string& file_name,
    std::string_view text) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  CatalogImportOptions options;
  options.skip_bad_rows = true;
  options.audit_user_id = user_id;
  auto report = ImportCatalogFile(**conn, slug, file_name, text, options);
  if (!report) return report.error();
  return service::CatalogImportSummary{report->created, report->updated, report->unchanged,
                                       report->skipped.problems};
}

core::Result<std::string> PanelCatalogFiles::ExportCsv(const std::string& slug) {
  auto conn = pool_.Acquire();
  if (!conn) return conn.error();
  return ExportCatalogFile(**conn, slug);
}

}  // namespace orcazap::app

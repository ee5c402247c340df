// orcazap catalog|freight|rules import and export against the real binary and PostgreSQL: a bad
// file changes nothing, --skip-bad-rows imports the rest, exports import back unchanged.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kSecretKey[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

// A migrated database with the demo store seeded as "loja-x", and a directory for files.
class SeededStore {
 public:
  SeededStore() {
    char dir[] = "/tmp/orcazap-import-XXXXXX";
    dir_ = mkdtemp(dir);
    env_ = {{"DATABASE_URL", db_.url()}, {"ORCAZAP_ENV", "production"}, {"SECRET_KEY", kSecretKey}};
    const RunResult migrated = Run({"migrate", "up"});
    EXPECT_EQ(migrated.status, 0) << migrated.output;
    const RunResult seeded = Run({"seed", "--slug", "loja-x"});
    EXPECT_EQ(seeded.status, 0) << seeded.output;
  }
  ~SeededStore() { std::filesystem::remove_all(dir_); }

  TestDatabase& db() { return db_; }

  RunResult Run(std::vector<std::string> args) {
    args.insert(args.begin(), OrcazapBinary());
    return RunCommand(args, env_);
  }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::string Read(const std::string& name) {
    std::ifstream in(dir_ + "/" + name, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  std::string Path(const std::string& name) const { return dir_ + "/" + name; }

  // Every item of loja-x, one per line, to compare the catalog before and after.
  std::string Items() {
    const auto rows = db_.Query(
        "SELECT string_agg(concat_ws(';', sku, i.name, unit, price_centavos, cost_centavos, "
        "weight_kg, aliases::text, active, i.updated_at), E'\\n' ORDER BY sku) FROM items i "
        "JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = 'loja-x'");
    return std::string(rows.Get(0, 0));
  }

  long long PriceOf(const std::string& sku) {
    return db_.Count(
        "SELECT price_centavos FROM items i JOIN tenants t ON t.id = i.tenant_id "
        "WHERE t.slug = 'loja-x' AND sku = $1",
        {sku});
  }

  long long CountItems(const std::string& where = "true") {
    return db_.Count(
        "SELECT count(*) FROM items i JOIN tenants t ON t.id = i.tenant_id "
        "WHERE t.slug = 'loja-x' AND " +
        where);
  }

 private:
  TestDatabase db_;
  std::string dir_;
  std::map<std::string, std::string> env_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// In the export's canonical form: sorted by SKU, numbers without extra zeros, quotes only
// where needed. Other files import the same but export in this form.
constexpr char kCatalog[] =
    "sku,name,unit,price,cost,weight_kg,aliases\n"
    "AAA-FIO,\"Fio 2,5mm rolo 100m\",rolo,219.00,165.00,3,\"fio 2,5|fio 2.5\"\n"
    "BBB-ARE,\"Areia média \"\"lavada\"\"\",m³,160.00,,1500.5,areia|areia lavada\n"
    "CCC-TIJ,Tijolo baiano,un,1.25,0.80,,\n";

// Row 7 (line 7, the header being line 1) has a bad price; row 2 changes a demo item's price.
constexpr char kCatalogWithBadRow7[] =
    "sku,name,unit,price,cost,weight_kg,aliases\n"
    "CIM-CPII-50,Cimento CP II 50kg,saco,41.50,31.00,50,cimento|cimento cp2\n"
    "NEW-1,Novo 1,un,1.00,,,\n"
    "NEW-2,Novo 2,un,2.00,,,\n"
    "NEW-3,Novo 3,un,3.00,,,\n"
    "NEW-4,Novo 4,un,4.00,,,\n"
    "NEW-BAD,Novo ruim,un,\"12,50\",,,\n"
    "NEW-5,Novo 5,un,5.00,,,\n";

TEST(CatalogImport, AnExportImportsBackUnchangedAndIsByteEqualToTheFileImported) {
  SeededStore store;
  const RunResult imported =
      store.Run({"catalog", "import", "--tenant", "loja-x", store.Write("catalog.csv", kCatalog),
                 "--deactivate-missing"});
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_TRUE(Contains(imported.output,
                       "catalog of loja-x: 3 created, 0 updated, 0 unchanged, 10 deactivated"))
      << imported.output;
  EXPECT_EQ(store.CountItems("active"), 3);
  EXPECT_EQ(store.CountItems("NOT active"), 10) << "deactivated, never deleted";

  const RunResult exported =
      store.Run({"catalog", "export", "--tenant", "loja-x", store.Path("export.csv")});
  ASSERT_EQ(exported.status, 0) << exported.output;
  EXPECT_EQ(store.Read("export.csv"), kCatalog);

  const std::string before = store.Items();
  const RunResult again =
      store.Run({"catalog", "import", "--tenant", "loja-x", store.Path("export.csv")});
  ASSERT_EQ(again.status, 0) << again.output;
  EXPECT_TRUE(Contains(again.output, "0 created, 0 updated, 3 unchanged, 0 deactivated"))
      << again.output;
  EXPECT_EQ(store.Items(), before) << "unchanged items must not even be rewritten";
}

TEST(CatalogImport, ABadPriceOnRow7RefusesTheWholeFileAndChangesNothing) {
  SeededStore store;
  const std::string before = store.Items();
  const std::string path = store.Write("bad.csv", kCatalogWithBadRow7);
  const RunResult result = store.Run({"catalog", "import", "--tenant", "loja-x", path});
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_TRUE(Contains(result.output,
                       path + ":7: column price: \"12,50\" is not a price in reais like 12.50"))
      << result.output;
  EXPECT_TRUE(Contains(result.output, "nothing changed")) << result.output;
  EXPECT_FALSE(Contains(result.output, "catalog of loja-x")) << result.output;
  EXPECT_EQ(store.Items(), before);
  EXPECT_EQ(store.PriceOf("CIM-CPII-50"), 3890);
}

TEST(CatalogImport, SkipBadRowsImportsTheOtherRowsAndReportsTheSkippedOne) {
  SeededStore store;
  const std::string path = store.Write("bad.csv", kCatalogWithBadRow7);
  const RunResult result =
      store.Run({"catalog", "import", "--tenant", "loja-x", path, "--skip-bad-rows"});
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(Contains(result.output, path + ":7: column price:")) << result.output;
  EXPECT_TRUE(Contains(result.output,
                       "5 created, 1 updated, 0 unchanged, 0 deactivated (1 row "
                       "skipped)"))
      << result.output;
  EXPECT_EQ(store.PriceOf("CIM-CPII-50"), 4150);
  EXPECT_EQ(store.PriceOf("NEW-5"), 500);
  EXPECT_EQ(store.CountItems("sku = 'NEW-BAD'"), 0);
  EXPECT_EQ(store.CountItems(), 15);
}

TEST(CatalogImport, SkippedRowsWithholdDeactivateMissing) {
  SeededStore store;
  const RunResult result = store.Run({"catalog", "import", "--tenant", "loja-x",
                                      store.Write("bad.csv", kCatalogWithBadRow7),
                                      "--skip-bad-rows", "--deactivate-missing"});
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(Contains(result.output, "--deactivate-missing ignored")) << result.output;
  EXPECT_EQ(store.CountItems("NOT active"), 0);
}

TEST(CatalogImport, ADuplicateSkuIsRefusedNamingBothRowsAndSkippingKeepsTheFirst) {
  SeededStore store;
  const std::string path = store.Write("dup.csv",
                                       "sku,name,unit,price\n"
                                       "DUP-1,Primeiro,un,1.00\n"
                                       "OTHER,Outro,un,2.00\n"
                                       "DUP-1,Segundo,un,9.00\n");
  const RunResult refused = store.Run({"catalog", "import", "--tenant", "loja-x", path});
  EXPECT_EQ(refused.status, 2) << refused.output;
  EXPECT_TRUE(
      Contains(refused.output, path + ":4: column sku: duplicate SKU \"DUP-1\" (first on row 2)"))
      << refused.output;
  EXPECT_EQ(store.CountItems("sku IN ('DUP-1', 'OTHER')"), 0);

  const RunResult skipped =
      store.Run({"catalog", "import", "--tenant", "loja-x", path, "--skip-bad-rows"});
  EXPECT_EQ(skipped.status, 0) << skipped.output;
  EXPECT_EQ(store.PriceOf("DUP-1"), 100);
  EXPECT_EQ(store.CountItems("sku = 'OTHER'"), 1);
}

TEST(CatalogImport, AFileThatIsNotUtf8IsRefusedNamingTheLine) {
  SeededStore store;
  const std::string path = store.Write("latin1.csv",
                                       "sku,name,unit,price\nX-1,Areia m\xE9"
                                       "dia,un,1\n");
  const RunResult result =
      store.Run({"catalog", "import", "--tenant", "loja-x", path, "--skip-bad-rows"});
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_TRUE(Contains(result.output, path + ":2: not UTF-8 text")) << result.output;
  EXPECT_EQ(store.CountItems("sku = 'X-1'"), 0);
}

TEST(CatalogImport, AnUnknownTenantIsRefused) {
  SeededStore store;
  const std::string path = store.Write("catalog.csv", kCatalog);
  const RunResult imported = store.Run({"catalog", "import", "--tenant", "loja-y", path});
  EXPECT_EQ(imported.status, 2) << imported.output;
  EXPECT_TRUE(Contains(imported.output, "no tenant with slug \"loja-y\"")) << imported.output;
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM items WHERE sku = 'AAA-FIO'"), 0);
  const RunResult exported = store.Run({"catalog", "export", "--tenant", "loja-y"});
  EXPECT_EQ(exported.status, 2) << exported.output;
  EXPECT_TRUE(Contains(exported.output, "no tenant with slug \"loja-y\"")) << exported.output;
}

// Overlapping CEP ranges: the first one wins, so the order must survive the database.
constexpr char kFreight[] =
    "bairro,cep_start,cep_end,base,per_kg,free_above\n"
    ",01310000,01319999,20.00,,\n"
    "Pinheiros,,,25.00,0.10,800.00\n"
    ",01000000,05999999,40.00,0.02,\n"
    ",00000000,00999999,60.00,,1000.00\n";

TEST(FreightImport, ReplacesTheTenantsRulesKeepingTheirOrder) {
  SeededStore store;
  const RunResult imported =
      store.Run({"freight", "import", "--tenant", "loja-x", store.Write("freight.csv", kFreight)});
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_TRUE(Contains(imported.output, "freight rules of loja-x replaced: 4 rules (4 before)"))
      << imported.output;
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM freight_rules"), 4);
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM freight_rules WHERE bairro = 'Centro'"), 0);

  const RunResult exported =
      store.Run({"freight", "export", "--tenant", "loja-x", store.Path("export.csv")});
  ASSERT_EQ(exported.status, 0) << exported.output;
  EXPECT_EQ(store.Read("export.csv"), kFreight);
}

TEST(FreightImport, ABadRowChangesNothingUnlessSkipped) {
  SeededStore store;
  const std::string path = store.Write("freight.csv",
                                       "bairro,cep_start,cep_end,base\n"
                                       "Centro,,,10.00\n"
                                       ",05999999,01000000,40.00\n");
  const RunResult refused = store.Run({"freight", "import", "--tenant", "loja-x", path});
  EXPECT_EQ(refused.status, 2) << refused.output;
  EXPECT_TRUE(Contains(refused.output, path + ":3: column cep_start: 05999999 is after cep_end"))
      << refused.output;
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM freight_rules"), 4) << "the seeded rules stay";

  const RunResult skipped =
      store.Run({"freight", "import", "--tenant", "loja-x", path, "--skip-bad-rows"});
  EXPECT_EQ(skipped.status, 0) << skipped.output;
  EXPECT_TRUE(Contains(skipped.output, "1 rules (4 before) (1 row skipped)")) << skipped.output;
  EXPECT_EQ(store.db().Count("SELECT base_centavos FROM freight_rules"), 1000);
}

constexpr char kRules[] =
    "{\n"
    "  \"pix_discount_pct\": 2.5,\n"
    "  \"min_margin_pct\": 10,\n"
    "  \"approval_total_above\": \"8000.00\",\n"
    "  \"volume_discounts\": [\n"
    "    {\"sku\": \"TIJ-BAI-9F\", \"min_quantity\": 1000, \"pct\": 4},\n"
    "    {\"sku\": null, \"min_quantity\": 2.5, \"pct\": 1.25},\n"
    "    {\"sku\": \"CIM-CPII-50\", \"min_quantity\": 50, \"pct\": 3}\n"
    "  ]\n"
    "}\n";

TEST(RulesImport, ImportedRulesAreStoredAndExportBackByteEqual) {
  SeededStore store;
  const RunResult imported =
      store.Run({"rules", "import", "--tenant", "loja-x", store.Write("rules.json", kRules)});
  ASSERT_EQ(imported.status, 0) << imported.output;
  EXPECT_TRUE(Contains(imported.output, "pricing rules of loja-x replaced (3 volume discounts)"))
      << imported.output;
  EXPECT_EQ(store.db().Count("SELECT pix_discount_basis_points FROM pricing_rules"), 250);
  EXPECT_EQ(store.db().Count("SELECT approval_total_above_centavos FROM pricing_rules"), 800000);
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM volume_discounts WHERE item_id IS NULL"), 1);

  const RunResult exported =
      store.Run({"rules", "export", "--tenant", "loja-x", store.Path("export.json")});
  ASSERT_EQ(exported.status, 0) << exported.output;
  EXPECT_EQ(store.Read("export.json"), kRules);
}

TEST(RulesImport, AVolumeDiscountForAnUnknownSkuIsRefusedNamingIt) {
  SeededStore store;
  const std::string path =
      store.Write("rules.json", R"({"pix_discount_pct": 9, "volume_discounts": [
          {"sku": "CIM-CPII-50", "min_quantity": 10, "pct": 1},
          {"sku": "NAO-EXISTE", "min_quantity": 10, "pct": 1}]})");
  const RunResult result = store.Run({"rules", "import", "--tenant", "loja-x", path});
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_TRUE(Contains(result.output,
                       path + ": volume_discounts[1].sku: \"NAO-EXISTE\" is not in the catalog"))
      << result.output;
  EXPECT_EQ(store.db().Count("SELECT pix_discount_basis_points FROM pricing_rules"), 500)
      << "the seeded rules stay";
  EXPECT_EQ(store.db().Count("SELECT count(*) FROM volume_discounts"), 2);
}

TEST(RulesImport, AMalformedFileNamesTheField) {
  SeededStore store;
  const std::string path = store.Write("rules.json", R"({"pix_discount_pct": 120})");
  const RunResult result = store.Run({"rules", "import", "--tenant", "loja-x", path});
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_TRUE(Contains(result.output, path + ": pix_discount_pct: 120 is not a percentage"))
      << result.output;
}

}  // namespace
}  // namespace orcazap::testing

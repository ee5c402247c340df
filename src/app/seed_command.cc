// orcazap seed: the demo store used by the local run command and the tests.
#include <CLI/CLI.hpp>
#include <iostream>

#include "adapters/crypto/password.h"
#include "adapters/crypto/secret_box.h"
#include "adapters/postgres/connection.h"
#include "adapters/postgres/tenant_admin.h"
#include "app/commands.h"
#include "app/config.h"

namespace orcazap::app {
namespace {

namespace pg = adapters::postgres;
using core::CatalogItem;
using core::Money;
using core::Quantity;

CatalogItem Item(const char* sku, const char* name, const char* unit, int64_t price,
                 std::optional<int64_t> cost, std::optional<int64_t> weight_milli_kg,
                 std::vector<std::string> aliases) {
  CatalogItem item;
  item.sku = sku;
  item.name = name;
  item.unit = unit;
  item.price = Money::Centavos(price);
  if (cost) item.cost = Money::Centavos(*cost);
  if (weight_milli_kg) item.weight_kg = Quantity::Milli(*weight_milli_kg);
  item.aliases = std::move(aliases);
  return item;
}

std::vector<CatalogItem> DemoItems() {
  return {
      Item("CIM-CPII-50", "Cimento CP II 50kg", "saco", 3890, 3100, 50000,
           {"cimento", "cimento cp2"}),
      Item("ARE-MED", "Areia média", "m³", 16000, 11000, 1500000, {"areia"}),
      Item("BRI-1", "Brita 1", "m³", 17500, 12500, 1600000, {"brita", "pedra brita"}),
      Item("TIJ-BAI-9F", "Tijolo baiano 9 furos", "un", 125, 80, 2400, {"tijolo", "tijolo baiano"}),
      Item("BLO-CON-14", "Bloco de concreto 14x19x39", "un", 420, 300, 11000,
           {"bloco de concreto"}),
      Item("CAL-HID-20", "Cal hidratada 20kg", "saco", 1890, 1300, 20000, {"cal"}),
      Item("ARG-AC2-20", "Argamassa AC2 20kg", "saco", 3290, 2400, 20000, {"argamassa", "ac2"}),
      Item("VER-38", "Vergalhão 3/8 12m", "barra", 5490, 4200, 7400,
           {"vergalhao 3/8", "ferro 3/8"}),
      Item("FIO-25-100", "Fio 2,5mm rolo 100m", "rolo", 21900, 16500, 3000, {"fio 2,5", "fio 2.5"}),
      Item("TUB-PVC-100", "Tubo PVC esgoto 100mm 6m", "barra", 8990, 6500, 6000,
           {"cano 100", "tubo 100mm"}),
  };
}

std::vector<core::FreightRule> DemoFreight() {
  auto bairro = [](const char* name, int64_t base, int64_t free_above) {
    core::FreightRule rule;
    rule.bairro = name;
    rule.base = Money::Centavos(base);
    rule.free_above = Money::Centavos(free_above);
    return rule;
  };
  core::FreightRule range;
  range.cep_start = "01000000";
  range.cep_end = "05999999";
  range.base = Money::Centavos(4000);
  range.per_kg = Money::Centavos(2);
  return {bairro("Centro", 3000, 150000), bairro("Jardim América", 4500, 200000),
          bairro("Vila Mariana", 5000, 200000), range};
}

core::PricingRules DemoRules() {
  core::PricingRules rules;
  rules.pix_discount_basis_points = 500;
  rules.min_margin_basis_points = 1200;
  rules.approval_total_above = Money::Centavos(500000);
  rules.volume_discounts.push_back({std::string("CIM-CPII-50"), Quantity::Whole(50), 300});
  rules.volume_discounts.push_back({std::nullopt, Quantity::Whole(100), 200});
  return rules;
}

struct SeedOptions {
  std::string slug = "demo";
  std::string name = "Loja Demo Materiais de Construção";
  std::string phone_number_id = "106540352242922";
  std::string access_token = "demo-access-token";
  std::string verify_token = "demo-verify-token";
  std::string owner_email = "dono@demo.orcazap.test";
  std::string owner_password = "demo-owner-123";
};

core::Status Seed(pg::PgConnection& conn, const adapters::crypto::SecretBox& box,
                  const SeedOptions& options) {
  auto tx = pg::Transaction::Begin(conn);
  if (!tx) return tx.error();
  auto tenant = pg::UpsertTenant(conn, {options.slug, options.name});
  if (!tenant) return tenant.error();
  auto channel = pg::UpsertChannel(conn, *tenant,
                                   {"102290129340398", options.phone_number_id, "551140028922",
                                    box.SealToBytea(options.access_token), options.verify_token});
  if (!channel) return channel.error();
  if (auto ok = pg::UpsertItems(conn, *tenant, DemoItems()); !ok) return ok;
  if (auto ok = pg::ReplaceFreightRules(conn, *tenant, DemoFreight()); !ok) return ok;
  if (auto ok = pg::ReplacePricingRules(conn, *tenant, DemoRules()); !ok) return ok;
  auto hash = adapters::crypto::HashPassword(options.owner_password);
  if (!hash) return hash.error();
  if (auto ok = pg::UpsertUser(conn, *tenant, options.owner_email, *hash, "owner"); !ok) return ok;
  return (*tx)->Commit();
}

}  // namespace

int RunSeed(int argc, char** argv) {
  SeedOptions options;
  CLI::App cli(
      "Create or refresh the demo store: tenant, WhatsApp channel, catalog, pricing and "
      "freight rules, owner login. Safe to run again.",
      "orcazap seed");
  cli.add_option("--slug", options.slug, "tenant slug")->capture_default_str();
  cli.add_option("--name", options.name, "store name")->capture_default_str();
  cli.add_option("--phone-number-id", options.phone_number_id, "WhatsApp phone_number_id")
      ->capture_default_str();
  cli.add_option("--access-token", options.access_token,
                 "Graph API access token (stored encrypted)");
  cli.add_option("--verify-token", options.verify_token, "webhook verify token")
      ->capture_default_str();
  cli.add_option("--owner-email", options.owner_email, "owner login")->capture_default_str();
  cli.add_option("--owner-password", options.owner_password, "owner password");
  cli.footer("Needs DATABASE_URL and SECRET_KEY.");
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase | Needs::kSecretKey);
  if (!config) {
    std::cerr << "orcazap seed: " << config.error().message() << "\n";
    return 2;
  }
  auto box = adapters::crypto::SecretBox::FromHex(config->secret_key_hex);
  if (!box) {
    std::cerr << "orcazap seed: SECRET_KEY: " << box.error().message() << "\n";
    return 2;
  }
  auto conn = pg::PgConnection::Connect(config->database_url);
  if (!conn) {
    std::cerr << "orcazap seed: " << conn.error().message() << "\n";
    return 1;
  }
  if (auto seeded = Seed(**conn, *box, options); !seeded) {
    std::cerr << "orcazap seed: " << seeded.error().message() << "\n";
    return 1;
  }
  std::cout << "seeded store \"" << options.slug << "\" (phone_number_id "
            << options.phone_number_id << ", owner " << options.owner_email << ")\n";
  return 0;
}

}  // namespace orcazap::app

#include "app/parse_command.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "adapters/clock/local_time.h"
#include "adapters/files/rules_json.h"
#include "app/commands.h"
#include "app/parse_output.h"
#include "core/catalog_csv.h"

namespace orcazap::app {

namespace {

std::optional<std::string> ReadFile(const std::string& path, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "orcazap parse: cannot read " << path << ": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool ReportFileErrors(const std::string& path, const std::vector<core::FileError>& errors,
                      std::ostream& err) {
  for (const core::FileError& error : errors) {
    err << path << (error.row > 0 ? ":" : ": ") << error.ToString() << "\n";
  }
  return errors.empty();
}

// Loads the three files into `catalog`; false after reporting a problem.
bool LoadCatalog(const ParseOptions& options, core::Catalog& catalog, std::ostream& err) {
  const auto items_text = ReadFile(options.catalog_path, err);
  if (!items_text) return false;
  core::CatalogFile items = core::ParseCatalogCsv(*items_text);
  if (!ReportFileErrors(options.catalog_path, items.errors, err)) return false;
  catalog.items = std::move(items.items);
  if (!options.freight_path.empty()) {
    const auto freight_text = ReadFile(options.freight_path, err);
    if (!freight_text) return false;
    core::FreightFile freight = core::ParseFreightCsv(*freight_text);
    if (!ReportFileErrors(options.freight_path, freight.errors, err)) return false;
    catalog.freight_rules = std::move(freight.rules);
  }
  if (!options.rules_path.empty()) {
    const auto rules_text = ReadFile(options.rules_path, err);
    if (!rules_text) return false;
    auto rules = adapters::ParseRulesJson(*rules_text);
    if (!rules) {
      err << options.rules_path << ": " << rules.error().message() << "\n";
      return false;
    }
    catalog.rules = std::move(*rules);
  }
  return true;
}

// Wall-clock time `hours` later (the store's zone has no daylight saving change in between).
core::LocalDateTime HoursLater(const core::LocalDateTime& time, int hours) {
  const int minutes = time.hour * 60 + time.minute + hours * 60;
  return {time.date.AddDays(minutes / (24 * 60)), minutes / 60 % 24, minutes % 60};
}

std::optional<std::pair<int, int>> ParseHourMinute(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hour = std::stoi(text.substr(0, 2));
  const int minute = std::stoi(text.substr(3, 2));
  if (hour > 23 || minute > 59) return std::nullopt;
  return std::pair{hour, minute};
}

// The moment of the message from --today/--time/--tz; nullopt after reporting a problem.
std::optional<core::LocalDateTime> ResolveNow(const std::string& today, const std::string& time,
                                              const std::string& zone) {
  if (auto known = adapters::CheckTimeZone(zone); !known) {
    std::cerr << "orcazap parse: --tz: " << known.error().message() << "\n";
    return std::nullopt;
  }
  core::LocalDateTime now{core::CivilDate{}, 12, 0};
  if (today.empty()) {
    auto local = adapters::LocalTimeIn(zone, std::chrono::system_clock::now());
    if (!local) {
      std::cerr << "orcazap parse: " << local.error().message() << "\n";
      return std::nullopt;
    }
    now = *local;
  } else if (auto date = core::CivilDate::ParseIso(today)) {
    now.date = *date;
  } else {
    std::cerr << "orcazap parse: --today: \"" << today << "\" is not a date like 2027-01-15\n";
    return std::nullopt;
  }
  if (!time.empty()) {
    const auto hour_minute = ParseHourMinute(time);
    if (!hour_minute) {
      std::cerr << "orcazap parse: --time: \"" << time << "\" is not a time like 14:30\n";
      return std::nullopt;
    }
    std::tie(now.hour, now.minute) = *hour_minute;
  }
  return now;
}

}  // namespace

int ParseMessage(const ParseOptions& options, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  core::Catalog catalog;
  if (!LoadCatalog(options, catalog, err)) return 2;
  const std::string message(std::istreambuf_iterator<char>(in), {});
  const core::Extraction extraction = core::Extract(message, {catalog, options.now.date});
  const std::vector<std::string> missing = core::MissingFields(extraction);
  nlohmann::ordered_json json = ExtractionJson(extraction, missing);
  if (!options.rules_path.empty()) {
    const core::Quote quote = core::PriceQuote(QuoteRequestFrom(extraction), catalog);
    json["quote"] = extraction.items.empty() ? nlohmann::ordered_json(nullptr) : QuoteJson(quote);
    json["message"] = CustomerMessage(core::Texts(), catalog, extraction, missing, quote,
                                      HoursLater(options.now, options.quote_validity_hours));
  }
  out << json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  return 0;
}

int RunParse(int argc, char** argv) {
  ParseOptions options;
  std::string today;
  std::string time;
  std::string zone = "America/Sao_Paulo";
  CLI::App cli(
      "Read one customer message on stdin and print, as one JSON object, what OrcaZap "
      "understands; with --rules also the quote and the reply the customer would get.",
      "orcazap parse");
  cli.add_option("--catalog", options.catalog_path,
                 "CATALOG.csv: sku,name,unit,price,cost,weight_kg,aliases")
      ->required();
  cli.add_option("--freight", options.freight_path,
                 "FREIGHT.csv: bairro,cep_start,cep_end,base,per_kg,free_above");
  cli.add_option("--rules", options.rules_path, "RULES.json: pricing rules (enables the quote)");
  cli.add_option("--today", today, "the day of the message, YYYY-MM-DD (default: today in --tz)");
  cli.add_option("--time", time,
                 "the time of the message, HH:MM (default: now, or 12:00 with "
                 "--today); the quote is valid 24 h from it");
  cli.add_option("--tz", zone, "the store's time zone")->capture_default_str();
  cli.footer(
      "Money in the quote is in integer centavos; margin in basis points (1611 = 16.11 %).\n"
      "Exit status: 0 printed, 2 bad usage or a malformed file (named with row and column).");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = cli.exit(error);
    return status == 0 ? 0 : 2;
  }
  const auto now = ResolveNow(today, time, zone);
  if (!now) return 2;
  options.now = *now;
  return ParseMessage(options, std::cin, std::cout, std::cerr);
}

}  // namespace orcazap::app

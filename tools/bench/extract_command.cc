// orcazap-bench extract: the core of `orcazap parse` (app/parse_command.cc) in-process, over a
// corpus repeated for a while: extraction, what is missing, pricing and the customer's reply
// text, per message. Also extraction alone. No I/O while measuring.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "adapters/files/rules_json.h"
#include "app/parse_output.h"
#include "core/catalog_csv.h"
#include "core/catalog_match.h"
#include "core/extraction.h"
#include "core/pricing.h"
#include "core/texts.h"
#include "tools/bench/commands.h"
#include "tools/bench/figures.h"

namespace orcazap::bench {
namespace {

using Clock = std::chrono::steady_clock;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The messages of an extraction golden file (tests/golden/extraction/README.md): the "> "
// lines of each block, joined by newlines.
std::vector<std::string> GoldenMessages(const std::string& text) {
  std::vector<std::string> messages;
  std::string current;
  bool open = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(">")) {
      if (open) current += '\n';
      current += line.size() > 1 && line[1] == ' ' ? line.substr(2) : line.substr(1);
      open = true;
    } else if (open) {
      messages.push_back(current);
      current.clear();
      open = false;
    }
  }
  if (open) messages.push_back(current);
  return messages;
}

core::Catalog LoadCatalog(const std::string& catalog_path, const std::string& freight_path,
                          const std::string& rules_path) {
  core::Catalog catalog;
  core::CatalogFile items = core::ParseCatalogCsv(ReadFile(catalog_path));
  if (!items.errors.empty()) throw std::runtime_error(catalog_path + " has errors");
  catalog.items = std::move(items.items);
  core::FreightFile freight = core::ParseFreightCsv(ReadFile(freight_path));
  if (!freight.errors.empty()) throw std::runtime_error(freight_path + " has errors");
  catalog.freight_rules = std::move(freight.rules);
  auto rules = adapters::ParseRulesJson(ReadFile(rules_path));
  if (!rules) throw std::runtime_error(rules_path + ": " + rules.error().message());
  catalog.rules = std::move(*rules);
  return catalog;
}

// What `orcazap parse --rules` computes for one message; returns the reply's size so the work
// cannot be optimised away.
size_t ParseCore(const std::string& message, const core::PreparedCatalog& prepared,
                 const core::Texts& texts, const core::LocalDateTime& now) {
  const core::Catalog& catalog = prepared.catalog();
  const core::Extraction extraction =
      core::Extract(message, {catalog, now.date, &prepared.matcher()});
  const std::vector<std::string> missing = core::MissingFields(extraction);
  const core::Quote quote = core::PriceQuote(app::QuoteRequestFrom(extraction), catalog);
  const core::LocalDateTime valid_until{now.date.AddDays(1), now.hour, now.minute};
  return app::CustomerMessage(texts, catalog, extraction, missing, quote, valid_until).size();
}

struct Pass {
  int64_t messages = 0;
  double seconds = 0;
  size_t checksum = 0;
};

// Runs `one` over the corpus, round after round, until `seconds` have passed.
template <typename Work>
Pass Repeat(const std::vector<std::string>& corpus, double seconds, Work one) {
  Pass pass;
  const auto started = Clock::now();
  const auto until =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  do {
    for (const std::string& message : corpus) pass.checksum += one(message);
    pass.messages += static_cast<int64_t>(corpus.size());
  } while (Clock::now() < until);
  pass.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return pass;
}

}  // namespace

int RunExtract(int argc, char** argv) {
  std::string catalog_path;
  std::string freight_path;
  std::string rules_path;
  std::vector<std::string> corpus_paths;
  std::string today = "2026-11-27";
  double seconds = 5;
  CLI::App cli(
      "Run the core of `orcazap parse` in-process over the messages of extraction "
      "golden files, repeated; print messages/s.",
      "orcazap-bench extract");
  cli.add_option("--catalog", catalog_path, "CATALOG.csv")->required();
  cli.add_option("--freight", freight_path, "FREIGHT.csv")->required();
  cli.add_option("--rules", rules_path, "RULES.json")->required();
  cli.add_option("--today", today, "the day of the messages, YYYY-MM-DD")->capture_default_str();
  cli.add_option("--seconds", seconds, "how long to repeat each pass")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cli.add_option("corpus", corpus_paths, "golden files (tests/golden/extraction/*.txt)")
      ->required();
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return cli.exit(error) == 0 ? 0 : 2;
  }
  try {
    const auto date = core::CivilDate::ParseIso(today);
    if (!date) throw std::runtime_error("--today: not a date: " + today);
    const core::LocalDateTime now{*date, 9, 5};
    // Prepared once, as the worker keeps it per catalog version.
    const core::PreparedCatalog prepared(LoadCatalog(catalog_path, freight_path, rules_path));
    const core::Texts texts;
    std::vector<std::string> corpus;
    for (const std::string& path : corpus_paths) {
      for (std::string& message : GoldenMessages(ReadFile(path))) corpus.push_back(message);
    }
    if (corpus.empty()) throw std::runtime_error("the corpus holds no message");

    const Pass parse = Repeat(corpus, seconds, [&](const std::string& message) {
      return ParseCore(message, prepared, texts, now);
    });
    const Pass extract = Repeat(corpus, seconds, [&](const std::string& message) {
      return core::Extract(message, {prepared.catalog(), now.date, &prepared.matcher()})
          .items.size();
    });
    PrintFigures({{"benchmark", "extract"},
                  {"corpus_messages", corpus.size()},
                  {"messages", parse.messages},
                  {"seconds", Round3(parse.seconds)},
                  {"messages_per_s", Round3(parse.messages / parse.seconds)},
                  {"extract_only_per_s", Round3(extract.messages / extract.seconds)},
                  {"checksum", parse.checksum + extract.checksum}});
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "orcazap-bench extract: %s\n", error.what());
    return 1;
  }
}

}  // namespace orcazap::bench

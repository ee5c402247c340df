// Extract, MissingFields and ClassifyReply on arbitrary message bytes, against the catalog and
// freight rules of the extraction golden cases. Checked (core/extraction.h, core/item_parse.h,
// core/text_fold.h):
// 1. The same message gives the same Extraction (determinism).
// 2. Every item and unknown quotes the customer: its text is a non-empty part of the message
//    (an unknown's may be followed by a catalog item's SoldInNote).
// 3. Every item is a catalog item, in the catalog item's unit.
// 4. MissingFields names only "location", "payment", "delivery", "items", "quantities", in that
//    order.
// 5. FoldText keeps its invariants: ASCII only, one offset per folded byte plus the end.

#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog_csv.h"
#include "core/extraction.h"
#include "core/item_parse.h"
#include "core/text_fold.h"
#include "fuzz_check.h"

namespace {

using namespace orcazap::core;

std::string ReadGolden(const char* name) {
  const std::string path = std::string(ORCAZAP_SOURCE_DIR) + "/tests/golden/extraction/" + name;
  std::ifstream in(path, std::ios::binary);
  FUZZ_CHECK(in.good(), "the golden catalog files are readable");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Catalog LoadCatalog() {
  const CatalogFile items = ParseCatalogCsv(ReadGolden("catalog.csv"));
  const FreightFile freight = ParseFreightCsv(ReadGolden("freight.csv"));
  FUZZ_CHECK(items.errors.empty() && !items.items.empty(), "catalog.csv loads cleanly");
  FUZZ_CHECK(freight.errors.empty() && !freight.rules.empty(), "freight.csv loads cleanly");
  return Catalog{items.items, freight.rules, {}};
}

const Catalog& GoldenCatalog() {
  static const Catalog catalog = LoadCatalog();
  return catalog;
}

// "Today" varies with the input's length so that relative days ("sexta", "dia 31", "amanhã")
// meet every weekday, month and year ends and a leap day.
CivilDate TodayFor(size_t size) {
  static constexpr std::array<CivilDate, 7> kDays = {{{2026, 11, 27},
                                                      {2026, 12, 31},
                                                      {2027, 1, 31},
                                                      {2028, 2, 28},
                                                      {2028, 2, 29},
                                                      {2026, 6, 30},
                                                      {2027, 3, 7}}};
  return kDays[size % kDays.size()];
}

bool QuotesMessage(std::string_view message, const std::string& text) {
  return !text.empty() && message.find(text) != std::string_view::npos;
}

bool SameExtraction(const Extraction& a, const Extraction& b) {
  return a.location == b.location && a.payment == b.payment && a.delivery == b.delivery &&
         a.items == b.items && a.unknown == b.unknown;
}

void CheckFolding(std::string_view message) {
  const FoldedText folded = FoldText(message);
  for (const char c : folded.text) {
    FUZZ_CHECK(static_cast<unsigned char>(c) < 0x80, "folded text is ASCII");
  }
  FUZZ_CHECK(folded.source_offsets.size() == folded.text.size() + 1, "one offset per byte + end");
  FUZZ_CHECK(folded.source_offsets.back() == message.size(), "the last offset is the size");
  for (size_t i = 1; i < folded.source_offsets.size(); ++i) {
    FUZZ_CHECK(folded.source_offsets[i - 1] <= folded.source_offsets[i], "offsets never go back");
  }
}

void CheckMissingFields(const Extraction& extraction) {
  static const std::array<std::string, 5> kOrder = {"location", "payment", "delivery", "items",
                                                    "quantities"};
  size_t next = 0;
  for (const std::string& field : MissingFields(extraction)) {
    while (next < kOrder.size() && kOrder[next] != field) ++next;
    FUZZ_CHECK(next < kOrder.size(), "missing fields are known names in order");
    ++next;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  const Catalog& catalog = GoldenCatalog();
  const ExtractionContext context{catalog, TodayFor(size)};

  CheckFolding(message);
  const Extraction extraction = Extract(message, context);
  FUZZ_CHECK(SameExtraction(extraction, Extract(message, context)), "Extract is deterministic");
  for (const ExtractedItem& item : extraction.items) {
    FUZZ_CHECK(QuotesMessage(message, item.text), "an item quotes the message");
    bool in_catalog = false;
    for (const CatalogItem& known : catalog.items) {
      in_catalog = in_catalog || (known.sku == item.sku && known.unit == item.unit);
    }
    FUZZ_CHECK(in_catalog, "an item is a catalog item in its unit");
  }
  for (const std::string& unknown : extraction.unknown) {
    // As written, or followed by the note of a catalog item's unit (rule 11 of item_parse.h).
    bool quotes = QuotesMessage(message, unknown);
    for (const CatalogItem& known : catalog.items) {
      const std::string note = SoldInNote(known);
      quotes = quotes || (unknown.ends_with(note) &&
                          QuotesMessage(message, unknown.substr(0, unknown.size() - note.size())));
    }
    FUZZ_CHECK(quotes, "an unknown quotes the message");
  }
  if (extraction.delivery && !extraction.delivery->asap && extraction.delivery->date) {
    FUZZ_CHECK(extraction.delivery->date->IsValid(), "a delivery date is a real date");
  }
  CheckMissingFields(extraction);
  CheckMissingFields(MergeExtraction(extraction, extraction));
  (void)ClassifyReply(message);
  return 0;
}

#pragma once
// `orcazap parse`: understand one customer message offline against catalog, freight and rules
// files, and print what OrcaZap understood (app/parse_output.h) as one JSON object.

#include <iosfwd>
#include <string>

#include "core/text_data.h"

namespace orcazap::app {

struct ParseOptions {
  std::string catalog_path;  // CATALOG csv (required)
  std::string freight_path;  // FREIGHT csv; empty = no freight rules
  std::string rules_path;    // RULES json; empty = no pricing (no "quote" nor "message")
  core::LocalDateTime now;   // the moment of the message, in the store's time zone
  int quote_validity_hours = 24;
};

// Reads the message from `in`, writes the JSON to `out` and problems to `err`. Returns 0, or 2
// when a file is missing or malformed (each problem named as "file:row: column C: what").
int ParseMessage(const ParseOptions& options, std::istream& in, std::ostream& out,
                 std::ostream& err);

}  // namespace orcazap::app

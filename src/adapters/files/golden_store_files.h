#pragma once
// Test helpers shared by the golden runners (pricing, conversations): a case directory's store
// files (catalog.csv, freight.csv, rules.json), each the case's own or else the shared one at
// the golden root, and the line diff a failure prints. Header-only: test binaries only.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/files/rules_json.h"
#include "core/catalog.h"
#include "core/catalog_csv.h"

namespace orcazap::adapters::golden {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The case's own file, else the shared one under `root`.
inline std::string CaseFile(const std::filesystem::path& root, const std::filesystem::path& dir,
                            const char* name) {
  return ReadFile(std::filesystem::exists(dir / name) ? dir / name : root / name);
}

inline std::string FileErrors(const std::vector<core::FileError>& errors) {
  std::string out;
  for (const core::FileError& error : errors) out += error.ToString() + "\n";
  return out;
}

// Loads the store files of a case; a malformed one fails the current test with its errors.
inline core::Catalog LoadCatalog(const std::filesystem::path& root,
                                 const std::filesystem::path& dir) {
  core::Catalog catalog;
  const core::CatalogFile items = core::ParseCatalogCsv(CaseFile(root, dir, "catalog.csv"));
  EXPECT_TRUE(items.errors.empty()) << "catalog.csv:\n" << FileErrors(items.errors);
  const core::FreightFile freight = core::ParseFreightCsv(CaseFile(root, dir, "freight.csv"));
  EXPECT_TRUE(freight.errors.empty()) << "freight.csv:\n" << FileErrors(freight.errors);
  auto rules = ParseRulesJson(CaseFile(root, dir, "rules.json"));
  EXPECT_TRUE(rules.ok()) << "rules.json: " << (rules ? "" : rules.error().message());
  catalog.items = items.items;
  catalog.freight_rules = freight.rules;
  if (rules) catalog.rules = *rules;
  return catalog;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A line-by-line diff: each line as `lead` + ("  " same, "- " expected only, "+ " actual only)
// + `tail` + the line.
inline std::string LineDiff(const std::string& expected, const std::string& actual,
                            const std::string& lead = "", const std::string& tail = "") {
  const auto want = Lines(expected);
  const auto got = Lines(actual);
  std::string out;
  for (size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const std::string* w = i < want.size() ? &want[i] : nullptr;
    const std::string* g = i < got.size() ? &got[i] : nullptr;
    if (w && g && *w == *g) {
      out += lead + "  " + tail + *w + "\n";
      continue;
    }
    if (w) out += lead + "- " + tail + *w + "\n";
    if (g) out += lead + "+ " + tail + *g + "\n";
  }
  return out;
}

}  // namespace orcazap::adapters::golden

// Runs every case under tests/golden/pricing (see the README there): files in, quote out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/files/golden_store_files.h"
#include "adapters/files/rules_json.h"
#include "core/catalog_csv.h"
#include "core/pricing.h"

namespace orcazap::adapters {
namespace {

namespace fs = std::filesystem;
using core::Money;

const fs::path kRoot = fs::path(ORCAZAP_SOURCE_DIR) / "tests/golden/pricing";

core::Catalog LoadCatalog(const fs::path& dir) { return golden::LoadCatalog(kRoot, dir); }

core::QuoteRequest ParseRequest(const std::string& text) {
  core::QuoteRequest request;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t space = line.find(' ');
    const std::string directive = line.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
    if (directive == "line") {
      const size_t gap = rest.find(' ');
      auto quantity = core::Quantity::Parse(rest.substr(gap + 1));
      EXPECT_TRUE(quantity.has_value()) << line;
      request.lines.push_back({rest.substr(0, gap), quantity.value_or(core::Quantity())});
    } else if (directive == "unknown") {
      request.unknown.push_back(rest);
    } else if (directive == "payment") {
      static const std::pair<const char*, core::PaymentMethod> kMethods[] = {
          {"pix", core::PaymentMethod::kPix},
          {"cartao", core::PaymentMethod::kCartao},
          {"boleto", core::PaymentMethod::kBoleto},
          {"dinheiro", core::PaymentMethod::kDinheiro}};
      for (const auto& [name, method] : kMethods) {
        if (rest == name) request.payment = method;
      }
      EXPECT_TRUE(request.payment.has_value()) << line;
    } else if (directive == "cep" || directive == "bairro") {
      if (!request.location) request.location.emplace();
      (directive == "cep" ? request.location->cep : request.location->bairro) = rest;
    } else {
      ADD_FAILURE() << "unknown directive: " << line;
    }
  }
  return request;
}

std::string FormatQuote(const core::Quote& quote) {
  std::ostringstream out;
  for (const core::QuoteLine& line : quote.lines) {
    out << "line " << line.sku << " qty=" << line.quantity.ToString()
        << " list=" << line.list_price.ToReaisString()
        << " discount_bp=" << line.volume_discount_basis_points
        << " unit=" << line.unit_price.ToReaisString()
        << " total=" << line.line_total.ToReaisString() << "\n";
  }
  for (const std::string& unknown : quote.unknown) out << "unknown " << unknown << "\n";
  out << "subtotal " << quote.subtotal.ToReaisString() << "\n"
      << "volume_discount " << quote.volume_discount.ToReaisString() << "\n"
      << "payment_discount " << quote.payment_discount.ToReaisString() << " ("
      << quote.payment_discount_basis_points << " bp)\n"
      << "freight " << (quote.freight ? quote.freight->ToReaisString() : "-") << "\n"
      << "total " << quote.total.ToReaisString() << "\n"
      << "margin_bp "
      << (quote.margin_basis_points ? std::to_string(*quote.margin_basis_points) : "-") << "\n"
      << "approval";
  if (quote.approval_reasons.empty()) out << " -";
  for (core::ApprovalReason reason : quote.approval_reasons) {
    out << " " << core::ApprovalReasonName(reason);
  }
  out << "\n";
  return out.str();
}

std::string Diff(const std::string& expected, const std::string& actual) {
  return golden::LineDiff(expected, actual);
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kRoot)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(PricingGolden, EveryCaseMatchesItsExpectedQuote) {
  const auto cases = Cases();
  ASSERT_GE(cases.size(), 12u) << kRoot;
  const bool update = std::getenv("ORCAZAP_UPDATE_GOLDEN") != nullptr;
  for (const fs::path& dir : cases) {
    SCOPED_TRACE(dir.filename().string());
    const core::Catalog catalog = LoadCatalog(dir);
    const core::Quote quote =
        core::PriceQuote(ParseRequest(golden::ReadFile(dir / "request.txt")), catalog);
    const std::string actual = FormatQuote(quote);
    if (update) std::ofstream(dir / "expected.txt", std::ios::binary) << actual;
    const std::string expected = golden::ReadFile(dir / "expected.txt");
    EXPECT_EQ(expected, actual) << "diff (- expected, + actual):\n" << Diff(expected, actual);
  }
}

}  // namespace
}  // namespace orcazap::adapters

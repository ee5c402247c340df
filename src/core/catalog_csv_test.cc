#include "core/catalog_csv.h"

#include <gtest/gtest.h>

namespace orcazap::core {
namespace {

Money R(const char* reais) { return *Money::ParseReais(reais); }

std::vector<std::string> Errors(const std::vector<FileError>& errors) {
  std::vector<std::string> out;
  for (const FileError& error : errors) out.push_back(error.ToString());
  return out;
}

using Lines = std::vector<std::string>;

TEST(CatalogCsv, ReadsItemsWithOptionalFields) {
  const CatalogFile file = ParseCatalogCsv(
      "sku,name,unit,price,cost,weight_kg,aliases\n"
      "CIM-CPII-50,\"Cimento CP-II 50kg\",saco,38.90,31.00,50,cimento|cimento cp2| cp ii \n"
      "AREIA-M,Areia média,m³,120,,,\n");
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.items.size(), 2u);
  const CatalogItem& cimento = file.items[0];
  EXPECT_EQ(cimento.sku, "CIM-CPII-50");
  EXPECT_EQ(cimento.name, "Cimento CP-II 50kg");
  EXPECT_EQ(cimento.unit, "saco");
  EXPECT_EQ(cimento.price, R("38.90"));
  EXPECT_EQ(cimento.cost, R("31.00"));
  EXPECT_EQ(cimento.weight_kg, Quantity::Whole(50));
  EXPECT_EQ(cimento.aliases, (Lines{"cimento", "cimento cp2", "cp ii"}));
  EXPECT_EQ(file.items[1].price, R("120.00"));
  EXPECT_EQ(file.items[1].cost, std::nullopt);
  EXPECT_EQ(file.items[1].weight_kg, std::nullopt);
  EXPECT_TRUE(file.items[1].aliases.empty());
}

TEST(CatalogCsv, OptionalColumnsMayBeAbsentAndOrderIsFree) {
  const CatalogFile file = ParseCatalogCsv("Price,SKU,Name,Unit\r\n5.00,P1,Prego,kg\r\n");
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.items.size(), 1u);
  EXPECT_EQ(file.items[0].sku, "P1");
  EXPECT_EQ(file.items[0].price, R("5.00"));
}

TEST(CatalogCsv, ReportsBadRowsWithRowAndColumn) {
  const CatalogFile file = ParseCatalogCsv(
      "sku,name,unit,price,cost,weight_kg,aliases\n"
      "A,Areia,m³,120.00,,,\n"
      "B,Brita,m³,\"12,50\",,,\n"
      "C,,un,-3.00,abc,50kg,\n"
      "A,Areia de novo,m³,1.00,,,\n"
      "D,Dois campos\n"
      "E,Ok,un,1.5,,0.125,\n");
  EXPECT_EQ(Errors(file.errors),
            (Lines{"3: column price: \"12,50\" is not a price in reais like 12.50",
                   "4: column name: is empty", "4: column price: \"-3.00\" must not be negative",
                   "4: column cost: \"abc\" is not a cost in reais like 9.80",
                   "4: column weight_kg: \"50kg\" is not a weight in kg like 50 or 0.5",
                   "5: column sku: duplicate SKU \"A\" (first on row 2)",
                   "6: has 2 fields but the header has 7 (a comma inside a field needs quotes)"}));
  ASSERT_EQ(file.items.size(), 2u);
  EXPECT_EQ(file.items[1].sku, "E");
}

TEST(CatalogCsv, SkusAndNamesLongerThanTheDatabaseHoldsAreBadRows) {
  std::string name;
  for (int i = 0; i < 200; ++i) name += "é";  // 200 characters, 400 bytes: fits
  const CatalogFile file =
      ParseCatalogCsv("sku,name,unit,price\n" + std::string(64, 'S') + "," + name + ",un,1\n" +
                      std::string(65, 'T') + "," + name + "x,un,1\n");
  EXPECT_EQ(Errors(file.errors),
            (Lines{"3: column sku: is 65 characters long; at most 64 are allowed",
                   "3: column name: is 201 characters long; at most 200 are allowed"}));
  EXPECT_EQ(file.items.size(), 1u);
}

TEST(CatalogCsv, RowNumbersFollowFileLinesAcrossQuotedLineBreaks) {
  const CatalogFile file =
      ParseCatalogCsv("sku,name,unit,price\n\"A\",\"Areia\nlavada\",m³,1.00\nB,Brita,m³,x\n");
  EXPECT_EQ(Errors(file.errors),
            Lines{"4: column price: \"x\" is not a price in reais like 12.50"});
}

TEST(CatalogCsv, HeaderProblems) {
  EXPECT_EQ(Errors(ParseCatalogCsv("sku,name,unit\nA,b,c\n").errors),
            Lines{"1: column price: missing column; the header must name "
                  "sku,name,unit,price,cost,weight_kg,aliases"});
  EXPECT_EQ(Errors(ParseCatalogCsv("sku,name,unit,price,prise\n").errors),
            Lines{"1: column prise: unknown column; the columns are "
                  "sku,name,unit,price,cost,weight_kg,aliases"});
  EXPECT_EQ(Errors(ParseCatalogCsv("sku,name,unit,price,sku\n").errors),
            Lines{"1: column sku: column appears twice in the header"});
  EXPECT_EQ(Errors(ParseCatalogCsv("").errors),
            Lines{"1: the first line must be the header: sku,name,unit,price,cost,weight_kg,"
                  "aliases"});
  EXPECT_EQ(Errors(ParseCatalogCsv("sku,name,unit,price\nA,\"b,un,1\n").errors),
            Lines{"2: a quoted field is never closed (missing \")"});
}

TEST(CatalogCsv, WriteThenParseRoundTrips) {
  std::vector<CatalogItem> items(2);
  items[0] = {"",         "CIM",      "Cimento \"forte\", 50kg", "saco",
              R("38.90"), R("31.00"), Quantity::Milli(50'500),   {"cimento", "cp ii"},
              true};
  items[1] = {"", "AREIA", "Areia", "m³", R("0.05"), std::nullopt, std::nullopt, {}, true};
  const std::string csv = WriteCatalogCsv(items);
  EXPECT_EQ(csv,
            "sku,name,unit,price,cost,weight_kg,aliases\n"
            "CIM,\"Cimento \"\"forte\"\", 50kg\",saco,38.90,31.00,50.5,cimento|cp ii\n"
            "AREIA,Areia,m³,0.05,,,\n");
  const CatalogFile file = ParseCatalogCsv(csv);
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.items.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(file.items[i].sku, items[i].sku);
    EXPECT_EQ(file.items[i].name, items[i].name);
    EXPECT_EQ(file.items[i].price, items[i].price);
    EXPECT_EQ(file.items[i].cost, items[i].cost);
    EXPECT_EQ(file.items[i].weight_kg, items[i].weight_kg);
    EXPECT_EQ(file.items[i].aliases, items[i].aliases);
  }
}

TEST(CatalogCsv, AliasesAreTrimmedOfTabsLikeFields) {
  // An alias of only a tab used to survive the first read and vanish after a write and a reread.
  const CatalogFile file = ParseCatalogCsv(
      "sku,name,unit,price,aliases\n"
      "A,Areia,m3,1,y|\t|\tareia fina\t |\n");
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.items.size(), 1u);
  EXPECT_EQ(file.items[0].aliases, (Lines{"y", "areia fina"}));
  const CatalogFile reread = ParseCatalogCsv(WriteCatalogCsv(file.items));
  ASSERT_EQ(reread.items.size(), 1u);
  EXPECT_EQ(reread.items[0].aliases, file.items[0].aliases);
}

TEST(FreightCsv, ReadsBairroAndCepRules) {
  const FreightFile file = ParseFreightCsv(
      "bairro,cep_start,cep_end,base,per_kg,free_above\n"
      "Centro,,,25.00,,500.00\n"
      ",01000-000,01999999,40.00,0.15,\n");
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.rules.size(), 2u);
  EXPECT_EQ(file.rules[0].bairro, "Centro");
  EXPECT_EQ(file.rules[0].free_above, R("500.00"));
  EXPECT_EQ(file.rules[0].per_kg, std::nullopt);
  EXPECT_EQ(file.rules[1].cep_start, "01000000");
  EXPECT_EQ(file.rules[1].cep_end, "01999999");
  EXPECT_EQ(file.rules[1].per_kg, R("0.15"));
}

TEST(FreightCsv, ReportsBadRows) {
  const FreightFile file = ParseFreightCsv(
      "bairro,cep_start,cep_end,base,per_kg,free_above\n"
      "Centro,01000000,,25.00,,\n"
      ",,,25.00,,\n"
      ",0100-0000,01999999,25.00,,\n"
      ",02000000,01000000,25.00,,\n"
      ",01000000,,25.00,,\n"
      "Jardim América,,,,,\n"
      "Vila Nova,,,10.00,-1.00,abc\n"
      "Sé,,,10.00,,\n"
      "SE,,,12.00,,\n");
  EXPECT_EQ(Errors(file.errors),
            (Lines{"2: column bairro: give either a bairro or a CEP range, not both",
                   "3: column bairro: is empty: give a bairro or a CEP range (cep_start and "
                   "cep_end)",
                   "4: column cep_start: \"0100-0000\" is not a CEP like 01310-100 or 01310100",
                   "5: column cep_start: 02000000 is after cep_end 01000000",
                   "6: column cep_end: is empty: a CEP range needs both ends",
                   "7: column base: is empty", "8: column per_kg: \"-1.00\" must not be negative",
                   "8: column free_above: \"abc\" is not a minimum order in reais like 500.00",
                   "10: column bairro: duplicate bairro \"SE\" (first on row 9)"}));
  ASSERT_EQ(file.rules.size(), 1u);
  EXPECT_EQ(file.rules[0].bairro, "Sé");
}

TEST(FreightCsv, WriteThenParseRoundTrips) {
  std::vector<FreightRule> rules(2);
  rules[0].bairro = "Jardim América";
  rules[0].base = R("25.00");
  rules[0].free_above = R("500.00");
  rules[1].cep_start = "01000000";
  rules[1].cep_end = "01999999";
  rules[1].base = R("40.00");
  rules[1].per_kg = R("0.15");
  const FreightFile file = ParseFreightCsv(WriteFreightCsv(rules));
  EXPECT_EQ(Errors(file.errors), Lines{});
  ASSERT_EQ(file.rules.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(file.rules[i].bairro, rules[i].bairro);
    EXPECT_EQ(file.rules[i].cep_start, rules[i].cep_start);
    EXPECT_EQ(file.rules[i].cep_end, rules[i].cep_end);
    EXPECT_EQ(file.rules[i].base, rules[i].base);
    EXPECT_EQ(file.rules[i].per_kg, rules[i].per_kg);
    EXPECT_EQ(file.rules[i].free_above, rules[i].free_above);
  }
}

TEST(Cep, Normalize) {
  EXPECT_EQ(NormalizeCep("01310-100"), "01310100");
  EXPECT_EQ(NormalizeCep("01310100"), "01310100");
  EXPECT_EQ(NormalizeCep("0131010"), std::nullopt);
  EXPECT_EQ(NormalizeCep("01310 100"), std::nullopt);
  EXPECT_EQ(NormalizeCep("0131a100"), std::nullopt);
}

}  // namespace
}  // namespace orcazap::core

#include "core/utf8_check.h"

#include <gtest/gtest.h>

#include <string>

namespace orcazap::core {
namespace {

TEST(Utf8Check, AcceptsUtf8TextInEveryLength) {
  EXPECT_EQ(FirstInvalidUtf8Line("sku,name\nARE-MED,Areia média 1m³\nX,€ 𝄞\n"), std::nullopt);
  EXPECT_EQ(FirstInvalidUtf8Line(""), std::nullopt);
}

TEST(Utf8Check, NamesTheLineOfALatin1Byte) {
  // "média" saved as Latin-1: é is the single byte 0xE9.
  EXPECT_EQ(FirstInvalidUtf8Line("sku,name\nA,ok\nB,m\xE9"
                                 "dia\n"),
            3);
}

TEST(Utf8Check, RefusesNulTruncatedOverlongAndSurrogateSequences) {
  EXPECT_EQ(FirstInvalidUtf8Line(std::string("a\0b", 3)), 1);
  EXPECT_EQ(FirstInvalidUtf8Line("\n\xC3"), 2);            // truncated é
  EXPECT_EQ(FirstInvalidUtf8Line("\xC0\xAF"), 1);          // overlong "/"
  EXPECT_EQ(FirstInvalidUtf8Line("\xE0\x80\xAF"), 1);      // overlong "/"
  EXPECT_EQ(FirstInvalidUtf8Line("\xED\xA0\x80"), 1);      // surrogate U+D800
  EXPECT_EQ(FirstInvalidUtf8Line("\xF4\x90\x80\x80"), 1);  // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8Line("\x80"), 1);              // lone continuation byte
}

}  // namespace
}  // namespace orcazap::core

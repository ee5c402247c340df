#include "adapters/web/multipart.h"

#include <gtest/gtest.h>

namespace orcazap::adapters::web {
namespace {

TEST(Multipart, ReadsFieldsAndFilesAsBrowsersSendThem) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"catálogo.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nsku;name\r\nA;B\r\n\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].data, "abc");
  EXPECT_EQ((*parts)[1].filename, "catálogo.csv");
  EXPECT_EQ((*parts)[1].data, "sku;name\r\nA;B\r\n");
}

TEST(Multipart, RefusesWhatIsNotWellFormed) {
  EXPECT_FALSE(ParseMultipart("application/x-www-form-urlencoded", "a=1"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--x\r\n"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x", "no delimiter"));
  EXPECT_FALSE(
      ParseMultipart("multipart/form-data; boundary=x",
                     "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"));
  EXPECT_FALSE(
      ParseMultipart("multipart/form-data; boundary=x", "--x\r\nX: y\r\n\r\nv\r\n--x--\r\n"));
}

}  // namespace
}  // namespace orcazap::adapters::web

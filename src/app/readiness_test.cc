#include "app/readiness.h"

#include <gtest/gtest.h>

namespace orcazap::app {
namespace {

using State = ReadinessPart::State;

TEST(Readiness, ThePublicAnswerIsOneWordPerPartAndNoReason) {
  Readiness readiness;
  readiness.postgres = {State::kUnavailable,
                        "cannot connect to PostgreSQL: postgres://orcazap:s3cret@db.internal/x"};
  EXPECT_EQ(readiness.PublicJson(),
            R"({"migrations":"unknown","postgres":"unavailable","ready":false,"redis":"unknown"})");
  EXPECT_EQ(readiness.Summary(),
            "postgres: cannot connect to PostgreSQL: postgres://orcazap:s3cret@db.internal/x; "
            "migrations: unknown; redis: unknown");

  readiness.postgres = {State::kGood, ""};
  readiness.migrations = {State::kPending, "run: orcazap migrate up"};
  readiness.redis = {State::kGood, ""};
  EXPECT_EQ(readiness.PublicJson(),
            R"({"migrations":"pending","postgres":"ok","ready":false,"redis":"ok"})");
  EXPECT_EQ(readiness.Summary(),
            "postgres: ok; migrations: pending (run: orcazap migrate up); redis: ok");

  readiness.migrations = {State::kGood, ""};
  readiness.ready = true;
  EXPECT_EQ(readiness.PublicJson(),
            R"({"migrations":"current","postgres":"ok","ready":true,"redis":"ok"})");
}

}  // namespace
}  // namespace orcazap::app

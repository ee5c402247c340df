#pragma once
// A fixture for tests of the PostgreSQL stores against a real database: a stack without serve's
// traffic or a worker, the webhook and conversation stores on one pool, and inbound messages
// stored the way serve stores them.

#include <gtest/gtest.h>

#include <string>

#include "adapters/postgres/connection.h"
#include "adapters/postgres/conversation_store.h"
#include "adapters/postgres/webhook_store.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {

// A text message from `from` to the demo store, as the webhook parser produces it.
core::InboundMessage TextFrom(const std::string& provider_message_id, const std::string& from,
                              const std::string& profile_name = "", const std::string& text = "oi");

class StoresTest : public ::testing::Test {
 protected:
  // Stores `message` as a one-message webhook and returns the new row (fails the test if it was
  // not stored).
  service::NewInboundMessage Store(const core::InboundMessage& message);
  long long Count(const std::string& sql) { return stack_.db().Count(sql); }

  Stack stack_{StackOptions{.start_worker = false}};
  adapters::postgres::PgPool pool_{stack_.db().url(), 2};
  adapters::postgres::PgWebhookStore webhooks_{pool_};
  adapters::postgres::PgConversationStore conversations_{pool_};
};

}  // namespace orcazap::testing

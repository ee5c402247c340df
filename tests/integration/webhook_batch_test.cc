// PgWebhookStore's group commit against a real PostgreSQL: one-message webhooks arriving
// together are stored together, and each caller still gets exactly its own outcome.

#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "adapters/postgres/connection.h"
#include "adapters/postgres/webhook_store.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

using adapters::postgres::PgPool;
using adapters::postgres::PgWebhookStore;

core::WebhookBatch OneMessage(const std::string& phone_number_id, const std::string& id,
                              const std::string& text) {
  core::InboundMessage message;
  message.phone_number_id = phone_number_id;
  message.provider_message_id = id;
  message.from = "5511900000001";
  message.profile_name = "Cliente \"lote\"";
  message.timestamp = 1767261600;
  message.type = "text";
  message.text = text;
  message.raw_json = R"({"id":")" + id + R"(","type":"text"})";
  core::WebhookBatch batch;
  batch.messages.push_back(message);
  return batch;
}

// Posts every batch from its own thread, all at once; the outcomes in the same order.
std::vector<core::Result<service::IngestOutcome>> PersistAllAtOnce(
    PgWebhookStore& store, const std::vector<core::WebhookBatch>& batches) {
  std::vector<core::Result<service::IngestOutcome>> outcomes(batches.size(),
                                                             core::Error::Permanent("not run"));
  std::latch start(static_cast<std::ptrdiff_t>(batches.size()));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < batches.size(); ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      outcomes[i] = store.PersistWebhook(batches[i]);
    });
  }
  for (auto& thread : threads) thread.join();
  return outcomes;
}

TEST(WebhookBatch, MessagesArrivingTogetherAreStoredOnceEachWithTheirOwnOutcome) {
  Stack stack(StackOptions{.start_worker = false});
  PgPool pool(stack.db().url(), 4);
  PgWebhookStore store(pool, 64, 1);

  std::vector<core::WebhookBatch> batches;
  for (int i = 0; i < 40; ++i) {
    batches.push_back(OneMessage(kStorePhoneNumberId, "wamid.batch." + std::to_string(i),
                                 "quero " + std::to_string(i) + " sacos de cimento"));
  }
  for (int i = 0; i < 4; ++i) {  // Meta delivering the same message twice at the same time
    batches.push_back(OneMessage(kStorePhoneNumberId, "wamid.batch." + std::to_string(i * 10),
                                 "quero " + std::to_string(i * 10) + " sacos de cimento"));
  }
  for (int i = 0; i < 4; ++i) {  // a number no store has
    batches.push_back(OneMessage("999000", "wamid.unknown." + std::to_string(i), "oi"));
  }
  const auto outcomes = PersistAllAtOnce(store, batches);

  std::map<std::string, int> stored;  // provider id -> callers told "new"
  int duplicates = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    ASSERT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].error().message();
    const service::IngestOutcome& outcome = *outcomes[i];
    const std::string& id = batches[i].messages[0].provider_message_id;
    if (id.starts_with("wamid.unknown.")) {
      EXPECT_TRUE(outcome.new_messages.empty());
      EXPECT_EQ(outcome.unknown_phone_number_ids, std::vector<std::string>{"999000"});
      continue;
    }
    EXPECT_TRUE(outcome.unknown_phone_number_ids.empty());
    duplicates += outcome.duplicate_messages;
    if (outcome.new_messages.empty()) continue;
    ASSERT_EQ(outcome.new_messages.size(), 1u);
    ++stored[id];
    // The id handed back is the row of this very message.
    EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE id = $1::uuid AND "
                               "provider_message_id = $2 AND tenant_id = $3::uuid AND text = $4",
                               {outcome.new_messages[0].message_id, id,
                                outcome.new_messages[0].tenant_id, batches[i].messages[0].text}),
              1)
        << id;
  }
  EXPECT_EQ(stored.size(), 40u);
  for (const auto& [id, callers] : stored) EXPECT_EQ(callers, 1) << id;
  EXPECT_EQ(duplicates, 4);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound'"), 40);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE peer_name = 'Cliente \"lote\"'"),
            40);

  const auto stats = store.lone_message_stats();
  EXPECT_EQ(stats.requests, static_cast<long>(batches.size()));
  EXPECT_GT(stats.largest, 1u) << "no two messages were stored together";
}

TEST(WebhookBatch, AMessagePostgreSqlRefusesFailsOnlyItsOwnWebhook) {
  Stack stack(StackOptions{.start_worker = false});
  PgPool pool(stack.db().url(), 4);
  PgWebhookStore store(pool, 64, 1);

  std::vector<core::WebhookBatch> batches;
  for (int i = 0; i < 30; ++i) {
    batches.push_back(OneMessage(kStorePhoneNumberId, "wamid.ok." + std::to_string(i), "oi"));
  }
  // Raw JSON that is not JSON: the batch's statement fails on it, then each message is stored
  // alone and only this one is refused.
  batches[7].messages[0].raw_json = "{not json";
  const auto outcomes = PersistAllAtOnce(store, batches);
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (i == 7) {
      ASSERT_FALSE(outcomes[i].ok());
      EXPECT_NE(outcomes[i].error().message().find("22P02"), std::string::npos)
          << outcomes[i].error().message();
      continue;
    }
    ASSERT_TRUE(outcomes[i].ok()) << i << ": " << outcomes[i].error().message();
    EXPECT_EQ(outcomes[i]->new_messages.size(), 1u) << i;
  }
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE direction = 'inbound'"), 29);
}

// A webhook of `count` delivery statuses for outbound messages "wamid.out.<i>", each naming
// its outbox row by reference when `references` has it.
core::WebhookBatch Statuses(int count, const std::string& status,
                            const std::map<int, std::string>& references = {}) {
  core::WebhookBatch batch;
  for (int i = 0; i < count; ++i) {
    core::StatusUpdate update;
    update.phone_number_id = kStorePhoneNumberId;
    update.provider_message_id = "wamid.out." + std::to_string(i);
    update.status = status;
    update.timestamp = 1767261600 + i;
    update.recipient = "5511900000001";
    if (auto it = references.find(i); it != references.end()) update.callback_data = it->second;
    update.raw_json =
        R"({"id":"wamid.out.)" + std::to_string(i) + R"(","status":")" + status + R"("})";
    batch.statuses.push_back(update);
  }
  return batch;
}

TEST(WebhookBatch, AWebhookOfManyStatusesIsAppliedWholeOrNotAtAll) {
  Stack stack(StackOptions{.start_worker = false});
  PgPool pool(stack.db().url(), 2);
  PgWebhookStore store(pool);
  // 150 replies queued in one conversation, their sends unrecorded (the worker died): the
  // statuses name them by reference, over several pipelines of one transaction.
  stack.db().Query(R"sql(
    WITH contact AS (
      INSERT INTO contacts (tenant_id, phone) SELECT tenant_id, '5511900000001' FROM channels
      RETURNING id, tenant_id),
    conversation AS (
      INSERT INTO conversations (tenant_id, contact_id, channel_id)
      SELECT k.tenant_id, k.id, c.id FROM contact k JOIN channels c ON c.tenant_id = k.tenant_id
      RETURNING id, tenant_id, channel_id)
    INSERT INTO messages (tenant_id, channel_id, conversation_id, direction, peer_phone, type,
                          text, purpose_key, status)
    SELECT tenant_id, channel_id, id, 'outbound', '5511900000001', 'text', 'r' || n,
           'reply:' || n, 'queued'
      FROM conversation, generate_series(0, 149) n)sql");
  auto ids = stack.db().Query(
      "SELECT id, substr(purpose_key, 7)::int FROM messages WHERE direction = 'outbound'");
  std::map<int, std::string> references;
  for (int i = 0; i < ids.size(); ++i) {
    references[static_cast<int>(ids.GetInt(i, 1))] = std::string(ids.Get(i, 0));
  }

  auto sent = store.PersistWebhook(Statuses(150, "sent", references));
  ASSERT_TRUE(sent.ok()) << sent.error().message();
  EXPECT_EQ(sent->statuses_recorded, 150);
  auto delivered = store.PersistWebhook(Statuses(150, "delivered"));
  ASSERT_TRUE(delivered.ok()) << delivered.error().message();
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM message_status_events"), 300);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE status = 'delivered' AND "
                             "provider_message_id LIKE 'wamid.out.%'"),
            150);

  // One status PostgreSQL refuses fails the whole webhook: none of its statuses is kept.
  core::WebhookBatch read = Statuses(150, "read");
  read.statuses[120].raw_json = "{not json";
  auto refused = store.PersistWebhook(read);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message().find("22P02"), std::string::npos)
      << refused.error().message();
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM message_status_events"), 300);
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM messages WHERE status = 'read'"), 0);
}

}  // namespace
}  // namespace orcazap::testing

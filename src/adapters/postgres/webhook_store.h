#pragma once
// service::WebhookStore on PostgreSQL. Thread-safe (each call leases a pooled connection).

//
// A webhook carrying one message (nearly all of them) goes through a group commit
// (group_commit.h): messages arriving while others are being written are stored together, in
// one INSERT and one commit, and each request still gets its own outcome only after its row is
// committed. Should the batched statement fail for a reason other than a lost connection (a value
// PostgreSQL refuses), each message of the batch is stored alone, so one bad message fails only
// its own webhook. Webhooks with statuses or several messages run in a transaction of their own.

#include "adapters/concurrency/group_commit.h"
#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

class PgWebhookStore : public service::WebhookStore {
 public:
  // At most `max_batch` messages per statement and `max_in_flight` statements at a time. One at
  // a time makes the batches largest: on two cores, 16 request threads and 64 connections
  // stored about 7,200 webhooks/s with one in flight and 5,700/s with two (bench/ANALYSIS.md).
  explicit PgWebhookStore(PgPool& pool, int max_batch = 64, int max_in_flight = 1);
  core::Result<service::IngestOutcome> PersistWebhook(const core::WebhookBatch& batch) override;
  core::Result<bool> IsVerifyToken(const std::string& token) override;

  using LoneMessages = adapters::GroupCommit<core::InboundMessage, service::IngestOutcome>;
  // How the one-message webhooks were grouped so far.
  LoneMessages::Stats lone_message_stats() { return lone_messages_.stats(); }

 private:
  LoneMessages::Results WriteLoneMessages(const std::vector<const core::InboundMessage*>& batch);

  PgPool& pool_;
  LoneMessages lone_messages_;
};

// Applies a delivery status to the outbound message it names (if stored), never moving a
// status backwards (queued < sent < delivered < read; failed wins). Shared with the sender,
// which applies statuses that arrived before the send was recorded.
extern const char kApplyStatus[];

}  // namespace orcazap::adapters::postgres

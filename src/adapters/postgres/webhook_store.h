#pragma once
// service::WebhookStore on PostgreSQL. Thread-safe (each call leases a pooled connection).

#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

class PgWebhookStore : public service::WebhookStore {
 public:
  explicit PgWebhookStore(PgPool& pool) : pool_(pool) {}
  core::Result<service::IngestOutcome> PersistWebhook(const core::WebhookBatch& batch) override;
  core::Result<bool> IsVerifyToken(const std::string& token) override;

 private:
  PgPool& pool_;
};

// Applies a delivery status to the outbound message it names (if stored), never moving a
// status backwards (queued < sent < delivered < read; failed wins). Shared with the sender,
// which applies statuses that arrived before the send was recorded.
extern const char kApplyStatus[];

}  // namespace orcazap::adapters::postgres

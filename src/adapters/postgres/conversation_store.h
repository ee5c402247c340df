#pragma once
// service::ConversationStore on PostgreSQL. Thread-safe (each call leases a pooled connection).
// conversation_store.cc attaches messages, commits decisions and keeps the outbox;
// customer_lock.cc holds the customer's lock and backlog (LockCustomer, LockCustomerOf,
// StaleUnprocessed); conversation_rows.h is what they share.
//
// Decisions and the outbox's marks (sent, attempted, failed) go through a SharedPipeline: the
// worker's job threads committing at the same time share one transaction and one commit, each
// still getting its own outcome (shared_pipeline.h).

#include "adapters/postgres/connection.h"
#include "adapters/postgres/shared_pipeline.h"
#include "service/ports.h"

namespace orcazap::adapters::postgres {

class PgConversationStore : public service::ConversationStore {
 public:
  explicit PgConversationStore(PgPool& pool) : pool_(pool), writes_(pool) {}

  core::Result<std::optional<service::InboundRecord>> FindInbound(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<service::ConversationRecord> AttachConversation(
      const service::InboundRecord& inbound) override;
  core::Result<service::ConversationRecord> LoadConversation(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Result<std::optional<std::vector<service::PendingSend>>> CommitDecision(
      const service::ConversationRecord& conversation, const service::Decision& decision) override;
  core::Result<std::vector<service::DueExpiry>> DueExpiries(service::Instant now,
                                                            int limit) override;
  core::Result<std::unique_ptr<service::CustomerLock>> LockCustomer(
      const std::string& tenant_id, const std::string& channel_id,
      const std::string& phone) override;
  core::Result<std::optional<service::LockedInbound>> LockCustomerOf(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<std::vector<service::NewInboundMessage>> StaleUnprocessed(service::Instant before,
                                                                         int limit) override;
  core::Result<std::vector<service::PendingSend>> PendingSends(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Status MarkSendAttempt(const service::PendingSend& send,
                               std::optional<service::Instant> at) override;
  core::Result<std::vector<service::ConversationRef>> StaleOutbox(service::Instant before,
                                                                  int limit) override;
  core::Status MarkSent(const service::PendingSend& send,
                        const std::string& provider_message_id) override;
  core::Status MarkSendFailed(const service::PendingSend& send, const std::string& error) override;

  // How the decisions and marks were grouped into transactions so far.
  SharedPipeline::Group::Stats write_stats() { return writes_.stats(); }

 private:
  PgPool& pool_;
  SharedPipeline writes_;  // CommitDecision, MarkSendAttempt, MarkSent, MarkSendFailed
};

}  // namespace orcazap::adapters::postgres

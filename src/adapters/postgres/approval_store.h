#pragma once
// service::ApprovalStore on PostgreSQL (tables approvals, quotes, conversations, messages,
// users, audit_log). Thread-safe (each call leases a pooled connection); every statement is
// scoped by the tenant id it is given.

#include "adapters/postgres/connection.h"
#include "adapters/postgres/conversation_store.h"
#include "service/approval_ports.h"

namespace orcazap::adapters::postgres {

class PgApprovalStore : public service::ApprovalStore {
 public:
  explicit PgApprovalStore(PgPool& pool) : pool_(pool), conversations_(pool) {}

  core::Result<std::optional<std::string>> FindTenantId(const std::string& slug) override;
  core::Result<std::optional<std::string>> FindUserId(const std::string& tenant_id,
                                                      const std::string& email) override;
  core::Result<std::vector<service::PendingApproval>> PendingApprovals(
      const std::string& tenant_id) override;
  core::Result<std::optional<service::ApprovalCase>> FindApproval(
      const std::string& tenant_id, const std::string& quote_id) override;
  core::Result<std::vector<service::TranscriptEntry>> LastMessages(
      const std::string& tenant_id, const std::string& conversation_id, int limit) override;
  core::Status Resolve(const service::ApprovalCase& approval,
                       const service::ApprovalResolution& resolution) override;

 private:
  PgPool& pool_;
  PgConversationStore conversations_;
};

}  // namespace orcazap::adapters::postgres

#pragma once
// The panel's conversations (service/inbox.h) in PostgreSQL; every query scoped by tenant.

#include "adapters/postgres/connection.h"
#include "service/inbox.h"

namespace orcazap::adapters::postgres {

class PgInboxStore : public service::InboxStore {
 public:
  explicit PgInboxStore(PgPool& pool) : pool_(pool) {}
  core::Result<std::vector<service::InboxEntry>> Inbox(const std::string& tenant_id,
                                                       int limit) override;
  core::Result<std::optional<service::Thread>> LoadThread(const std::string& tenant_id,
                                                          const std::string& conversation_id,
                                                          int last_messages) override;
  core::Status RecordReply(const std::string& tenant_id, const std::string& conversation_id,
                           const std::string& user_id, const std::string& purpose_key,
                           const std::string& text) override;

 private:
  PgPool& pool_;
};

}  // namespace orcazap::adapters::postgres

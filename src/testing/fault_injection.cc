#include "testing/fake_stores.h"

namespace orcazap::testing {

// ---- Fault injection ----

void FaultPlan::FailCall(const std::string& method, int nth, core::Error error) {
  faults_.push_back({method, nth, std::move(error)});
}

std::optional<core::Error> FaultPlan::OnCall(const std::string& method) {
  const int call = ++calls_[method];
  for (const Fault& fault : faults_) {
    if (fault.method == method && fault.nth == call) return fault.error;
  }
  return std::nullopt;
}

int FaultPlan::calls(const std::string& method) const {
  auto it = calls_.find(method);
  return it == calls_.end() ? 0 : it->second;
}

core::Result<std::optional<service::InboundRecord>> FaultyConversationStore::FindInbound(
    const std::string& tenant_id, const std::string& message_id) {
  if (auto error = plan_.OnCall("FindInbound")) return *error;
  return inner_.FindInbound(tenant_id, message_id);
}

core::Result<service::ConversationRecord> FaultyConversationStore::AttachConversation(
    const service::InboundRecord& inbound) {
  if (auto error = plan_.OnCall("AttachConversation")) return *error;
  return inner_.AttachConversation(inbound);
}

core::Result<service::ConversationRecord> FaultyConversationStore::LoadConversation(
    const std::string& tenant_id, const std::string& conversation_id) {
  if (auto error = plan_.OnCall("LoadConversation")) return *error;
  return inner_.LoadConversation(tenant_id, conversation_id);
}

core::Result<std::optional<std::vector<service::PendingSend>>>
FaultyConversationStore::CommitDecision(const service::ConversationRecord& conversation,
                                        const service::Decision& decision) {
  if (auto error = plan_.OnCall("CommitDecision")) return *error;
  return inner_.CommitDecision(conversation, decision);
}

core::Result<std::vector<service::DueExpiry>> FaultyConversationStore::DueExpiries(
    service::Instant now, int limit) {
  if (auto error = plan_.OnCall("DueExpiries")) return *error;
  return inner_.DueExpiries(now, limit);
}

core::Result<std::vector<service::PendingSend>> FaultyConversationStore::PendingSends(
    const std::string& tenant_id, const std::string& conversation_id) {
  if (auto error = plan_.OnCall("PendingSends")) return *error;
  return inner_.PendingSends(tenant_id, conversation_id);
}

core::Status FaultyConversationStore::MarkSendAttempt(const service::PendingSend& send,
                                                      std::optional<service::Instant> at) {
  if (auto error = plan_.OnCall("MarkSendAttempt")) return *error;
  return inner_.MarkSendAttempt(send, at);
}

core::Result<std::vector<service::ConversationRef>> FaultyConversationStore::StaleOutbox(
    service::Instant before, int limit) {
  if (auto error = plan_.OnCall("StaleOutbox")) return *error;
  return inner_.StaleOutbox(before, limit);
}

core::Status FaultyConversationStore::MarkSent(const service::PendingSend& send,
                                               const std::string& provider_message_id) {
  if (auto error = plan_.OnCall("MarkSent")) return *error;
  return inner_.MarkSent(send, provider_message_id);
}

core::Status FaultyConversationStore::MarkSendFailed(const service::PendingSend& send,
                                                     const std::string& error) {
  if (auto planned = plan_.OnCall("MarkSendFailed")) return *planned;
  return inner_.MarkSendFailed(send, error);
}

core::Result<std::unique_ptr<service::CustomerLock>> FaultyConversationStore::LockCustomer(
    const std::string& tenant_id, const std::string& channel_id, const std::string& phone) {
  if (auto error = plan_.OnCall("LockCustomer")) return *error;
  return inner_.LockCustomer(tenant_id, channel_id, phone);
}

core::Result<std::optional<service::LockedInbound>> FaultyConversationStore::LockCustomerOf(
    const std::string& tenant_id, const std::string& message_id) {
  if (auto error = plan_.OnCall("LockCustomerOf")) return *error;
  return inner_.LockCustomerOf(tenant_id, message_id);
}

core::Result<std::vector<service::NewInboundMessage>> FaultyConversationStore::StaleUnprocessed(
    service::Instant before, int limit) {
  if (auto error = plan_.OnCall("StaleUnprocessed")) return *error;
  return inner_.StaleUnprocessed(before, limit);
}

core::Result<service::IngestOutcome> FaultyWebhookStore::PersistWebhook(
    const core::WebhookBatch& batch) {
  if (auto error = plan_.OnCall("PersistWebhook")) return *error;
  return inner_.PersistWebhook(batch);
}

core::Result<bool> FaultyWebhookStore::IsVerifyToken(const std::string& token) {
  if (auto error = plan_.OnCall("IsVerifyToken")) return *error;
  return inner_.IsVerifyToken(token);
}

}  // namespace orcazap::testing

#pragma once
// What the approval use cases (service/approvals.h) need from storage: the quotes waiting for a
// person and the one transaction that resolves one of them.
//
// Invariants:
// 1. Every method is scoped by the tenant id it is given.
// 2. Resolve is one transaction, checked against the state the decision was made from: the
//    quote still pending approval, its approval still pending and the conversation still in
//    HUMAN_APPROVAL; otherwise kConflict and nothing changed.

#include <optional>
#include <string>
#include <vector>

#include "core/conversation.h"
#include "core/pricing.h"
#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

// A quote waiting for a person, as listed.
struct PendingApproval {
  std::string quote_id;
  std::string customer_phone;
  std::string customer_name;
  std::vector<core::ApprovalReason> reasons;
  core::Money total;
  Instant requested_at;
};

// One quote that went to approval, whatever became of it.
struct ApprovalCase {
  std::string quote_id;
  std::string quote_status;     // "pending_approval", "sent", "won", "lost", "expired"
  std::string approval_status;  // "pending", "approved", "rejected"
  std::vector<core::ApprovalReason> reasons;
  core::Quote quote;
  Instant requested_at;
  ConversationRecord conversation;  // its current state and captured data
};

// A message of the conversation, for the person deciding.
struct TranscriptEntry {
  bool inbound = true;
  std::string text;
  Instant at;
};

// A person's decision on one approval case.
struct ApprovalResolution {
  bool approved = false;
  core::ConversationState new_state = core::ConversationState::kLost;
  std::optional<std::string> decided_by;  // users.id
  // Approving: the quote as sent (maybe edited) and its validity. Rejecting: nullopt.
  std::optional<core::Quote> sent_quote;
  Instant valid_until;
  std::optional<OutboundText> message;  // recorded in the conversation's outbox
};

class ApprovalStore {
 public:
  virtual ~ApprovalStore() = default;
  virtual core::Result<std::optional<std::string>> FindTenantId(const std::string& slug) = 0;
  // The tenant's active user with that email (case-insensitive), or nullopt.
  virtual core::Result<std::optional<std::string>> FindUserId(const std::string& tenant_id,
                                                              const std::string& email) = 0;
  // Pending approvals, oldest first.
  virtual core::Result<std::vector<PendingApproval>> PendingApprovals(
      const std::string& tenant_id) = 0;
  // nullopt when the tenant has no quote with that id that went to approval.
  virtual core::Result<std::optional<ApprovalCase>> FindApproval(const std::string& tenant_id,
                                                                 const std::string& quote_id) = 0;
  // The conversation's last `limit` messages, oldest first.
  virtual core::Result<std::vector<TranscriptEntry>> LastMessages(
      const std::string& tenant_id, const std::string& conversation_id, int limit) = 0;
  // Applies the resolution: approval decided (by, at), quote sent with `valid_until` or lost,
  // conversation to `new_state` with needs_human cleared, the message in the outbox, and an
  // audit_log row (quote, approve|reject, before/after).
  virtual core::Status Resolve(const ApprovalCase& approval,
                               const ApprovalResolution& resolution) = 0;
};

}  // namespace orcazap::service

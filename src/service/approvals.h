#pragma once
// A person decides on a quote that needs approval (a step of the conversation state machine):
// HUMAN_APPROVAL —approves (maybe editing prices and lines first)→ QUOTE_SENT with the quote
// sent; —rejects→ LOST, optionally with the polite decline text.
//
// Contract:
// 1. Only a quote pending approval, with its approval pending and its conversation in
//    HUMAN_APPROVAL, can be decided; anything else is refused (kNotFound for an unknown tenant,
//    user or quote; kConflict for a quote already decided or a conversation that moved on;
//    kInvalidInput for a bad edit or a quote that cannot be sent) and nothing changes.
// 2. Approving requires a quote that can be sent (core::SendBlockers): unknown items dropped
//    (QuoteEdits::drop_unknown, after adding catalog lines for them if the store has them),
//    freight known (QuoteEdits::freight when it was not), at least one line.
// 3. The decision is one transaction (ApprovalStore::Resolve) and goes through
//    core::Transition. Its text (the tenant's texts, as the worker renders them) is recorded in
//    the outbox under "quote:approval-<quote id>" or "decline:approval-<quote id>"; then a
//    "flush" job is enqueued so that a worker sends it.
// 4. A flush job carries the conversation id in Job::message_id. FlushConversation sends the
//    conversation's outbox under the customer's lock, like an inbound job.

#include <optional>
#include <string>
#include <vector>

#include "core/quote_edit.h"
#include "core/result.h"
#include "service/approval_ports.h"
#include "service/ports.h"
#include "service/process_inbound.h"

namespace orcazap::service {

struct ApprovalPorts {
  ApprovalStore& approvals;
  TenantStore& tenants;
  JobQueue& jobs;
  const Clock& clock;
};

struct ApproveRequest {
  std::string quote_id;
  core::QuoteEdits edits;
  std::optional<std::string> by_email;  // recorded as the deciding user
};

struct RejectRequest {
  std::string quote_id;
  bool send_decline = false;  // send the decline text
  std::optional<std::string> by_email;
};

struct ApprovalOutcome {
  std::string conversation_id;
  std::optional<core::Quote> quote;  // as sent, when approved
  // Reasons the sent quote would still need approval for (a person accepted them).
  std::vector<core::ApprovalReason> accepted_reasons;
  std::string message;  // the text recorded for the customer; empty when none
  // The decision is committed either way; set when the send could not be queued (the text
  // stays in the outbox and goes out with the conversation's next job).
  std::optional<core::Error> enqueue_error;
};

struct ApprovalView {
  ApprovalCase approval;
  std::vector<TranscriptEntry> messages;  // the conversation's last ones, oldest first
};

core::Result<std::string> TenantIdFor(const std::string& slug, ApprovalStore& store);
core::Result<ApprovalView> ShowApproval(const std::string& tenant_id, const std::string& quote_id,
                                        ApprovalStore& store, int last_messages);
core::Result<ApprovalOutcome> Approve(const std::string& tenant_id, const ApproveRequest& request,
                                      const ApprovalPorts& ports);
core::Result<ApprovalOutcome> Reject(const std::string& tenant_id, const RejectRequest& request,
                                     const ApprovalPorts& ports);

// The job that sends what a decision recorded.
Job FlushJob(const std::string& tenant_id, const std::string& conversation_id,
             const std::string& request_id);
core::Status FlushConversation(const std::string& tenant_id, const std::string& conversation_id,
                               const ProcessPorts& ports);

}  // namespace orcazap::service

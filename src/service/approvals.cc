#include "service/approvals.h"

#include <chrono>

#include "core/conversation.h"
#include "core/text_data.h"
#include "core/texts.h"

namespace orcazap::service {
namespace {

using core::ConversationEvent;
using core::Error;

const char* QuoteStatusPhrase(const std::string& status) {
  if (status == "sent") return "already approved and sent";
  if (status == "won") return "already won";
  if (status == "lost") return "already lost";
  if (status == "expired") return "already expired";
  return "not pending approval";
}

core::Result<ApprovalCase> LoadCase(const std::string& tenant_id, const std::string& quote_id,
                                    ApprovalStore& store) {
  auto found = store.FindApproval(tenant_id, quote_id);
  if (!found) return found.error();
  if (!*found) return Error::NotFound("no quote " + quote_id + " awaiting or past approval");
  return std::move(**found);
}

// The case, when it can still be decided (contract 1).
core::Result<ApprovalCase> LoadPending(const std::string& tenant_id, const std::string& quote_id,
                                       ApprovalStore& store) {
  auto approval = LoadCase(tenant_id, quote_id, store);
  if (!approval) return approval;
  if (approval->quote_status != "pending_approval" || approval->approval_status != "pending") {
    return Error::Conflict("quote " + quote_id + " is " +
                           QuoteStatusPhrase(approval->quote_status) + " (approval " +
                           approval->approval_status + ")");
  }
  if (approval->conversation.state != core::ConversationState::kHumanApproval) {
    return Error::Conflict("the conversation of quote " + quote_id + " is in " +
                           core::StateName(approval->conversation.state) + ", not HUMAN_APPROVAL");
  }
  return approval;
}

core::Result<std::optional<std::string>> DecidedBy(const std::string& tenant_id,
                                                   const std::optional<std::string>& email,
                                                   ApprovalStore& store) {
  if (!email) return std::optional<std::string>();
  auto user = store.FindUserId(tenant_id, *email);
  if (!user) return user.error();
  if (!*user) return Error::NotFound("no active user " + *email + " in this store");
  return *user;
}

std::string Blocker(core::SendBlocker blocker, const core::Quote& quote) {
  switch (blocker) {
    case core::SendBlocker::kNoLines:
      return "no line left to quote";
    case core::SendBlocker::kUnknownItems:
      return "unknown items must be dropped (after adding catalog lines for them, if the store "
             "has them): " +
             core::JoinPtBr(quote.unknown);
    case core::SendBlocker::kFreightUnknown:
      return "the freight is unknown and must be given";
  }
  return "cannot be sent";
}

core::Status ReadyToSend(const core::Quote& quote) {
  const std::vector<core::SendBlocker> blockers = core::SendBlockers(quote);
  if (blockers.empty()) return core::Ok();
  std::string message = "the quote cannot be sent yet: ";
  for (size_t i = 0; i < blockers.size(); ++i) {
    message += (i ? "; " : "") + Blocker(blockers[i], quote);
  }
  return Error::InvalidInput(message);
}

// Commits the resolution, then asks a worker to send its message.
core::Result<ApprovalOutcome> Commit(const std::string& tenant_id, const ApprovalCase& approval,
                                     const ApprovalResolution& resolution,
                                     const ApprovalPorts& ports) {
  if (auto resolved = ports.approvals.Resolve(approval, resolution); !resolved) {
    return resolved.error();
  }
  ApprovalOutcome outcome;
  outcome.conversation_id = approval.conversation.id;
  if (!resolution.message) return outcome;
  outcome.message = resolution.message->body;
  const Job job = FlushJob(tenant_id, approval.conversation.id, "approval-" + approval.quote_id);
  if (auto queued = ports.jobs.Enqueue(job); !queued) outcome.enqueue_error = queued.error();
  return outcome;
}

}  // namespace

core::Result<std::string> TenantIdFor(const std::string& slug, ApprovalStore& store) {
  auto id = store.FindTenantId(slug);
  if (!id) return id.error();
  if (!*id) return Error::NotFound("no tenant \"" + slug + "\"");
  return **id;
}

core::Result<ApprovalView> ShowApproval(const std::string& tenant_id, const std::string& quote_id,
                                        ApprovalStore& store, int last_messages) {
  auto approval = LoadCase(tenant_id, quote_id, store);
  if (!approval) return approval.error();
  auto messages = store.LastMessages(tenant_id, approval->conversation.id, last_messages);
  if (!messages) return messages.error();
  return ApprovalView{std::move(approval).value(), std::move(messages).value()};
}

core::Result<ApprovalOutcome> Approve(const std::string& tenant_id, const ApproveRequest& request,
                                      const ApprovalPorts& ports) {
  auto approval = LoadPending(tenant_id, request.quote_id, ports.approvals);
  if (!approval) return approval.error();
  auto decided_by = DecidedBy(tenant_id, request.by_email, ports.approvals);
  if (!decided_by) return decided_by.error();
  auto tenant = ports.tenants.LoadTenant(tenant_id);
  if (!tenant) return tenant.error();
  const ConversationRecord& conversation = approval->conversation;
  auto edited = core::EditQuote(approval->quote, request.edits, conversation.captured.location,
                                tenant->catalog->catalog());
  if (!edited) return edited.error();
  if (auto ready = ReadyToSend(*edited); !ready) return ready.error();
  auto next = core::Transition(conversation.state, ConversationEvent::kAdminApproves);
  if (!next) return next.error();

  const Instant valid_until = ports.clock.Now() + std::chrono::hours(tenant->quote_validity_hours);
  auto valid_until_local = ports.clock.ToLocal(valid_until, tenant->timezone);
  if (!valid_until_local) return valid_until_local.error();
  const core::QuoteTextContext text_context{conversation.customer_name,
                                            conversation.captured.delivery,
                                            conversation.captured.location, *valid_until_local};
  const std::string body =
      tenant->texts->Render(core::TextKey::kQuote, core::QuoteTextData(*edited, text_context));

  ApprovalResolution resolution;
  resolution.approved = true;
  resolution.new_state = *next;
  resolution.decided_by = *decided_by;
  resolution.sent_quote = *edited;
  // The quote keeps the reasons it went to approval for; the approval records who accepted them.
  resolution.sent_quote->approval_reasons = approval->reasons;
  resolution.valid_until = valid_until;
  resolution.message = OutboundText{"quote:approval-" + approval->quote_id, body};
  auto outcome = Commit(tenant_id, *approval, resolution, ports);
  if (!outcome) return outcome;
  outcome->quote = *edited;
  outcome->accepted_reasons = edited->approval_reasons;
  return outcome;
}

core::Result<ApprovalOutcome> Reject(const std::string& tenant_id, const RejectRequest& request,
                                     const ApprovalPorts& ports) {
  auto approval = LoadPending(tenant_id, request.quote_id, ports.approvals);
  if (!approval) return approval.error();
  auto decided_by = DecidedBy(tenant_id, request.by_email, ports.approvals);
  if (!decided_by) return decided_by.error();
  auto next = core::Transition(approval->conversation.state, ConversationEvent::kAdminRejects);
  if (!next) return next.error();

  ApprovalResolution resolution;
  resolution.new_state = *next;
  resolution.decided_by = *decided_by;
  if (request.send_decline) {
    auto tenant = ports.tenants.LoadTenant(tenant_id);
    if (!tenant) return tenant.error();
    const std::string body = tenant->texts->Render(
        core::TextKey::kDecline, core::CustomerTextData(approval->conversation.customer_name));
    resolution.message = OutboundText{"decline:approval-" + approval->quote_id, body};
  }
  return Commit(tenant_id, *approval, resolution, ports);
}

Job FlushJob(const std::string& tenant_id, const std::string& conversation_id,
             const std::string& request_id) {
  return {kFlushJobKind, tenant_id, conversation_id, request_id};
}

core::Status FlushConversation(const std::string& tenant_id, const std::string& conversation_id,
                               const ProcessPorts& ports) {
  auto conversation = ports.conversations.LoadConversation(tenant_id, conversation_id);
  if (!conversation) return conversation.error();
  auto lock = ports.conversations.LockCustomer(tenant_id, conversation->channel_id,
                                               conversation->customer_phone);
  if (!lock) return lock.error();
  return FlushOutbox(tenant_id, conversation_id, ports);
}

}  // namespace orcazap::service

#include "service/process_inbound.h"

#include "core/texts.h"

namespace orcazap::service {

using core::ConversationEvent;
using core::ConversationState;

core::Result<Decision> DecideInbound(const InboundRecord& inbound,
                                     const ConversationRecord& conversation) {
  Decision decision;
  decision.expected_state = conversation.state;
  decision.captured_json = conversation.captured_json;
  ConversationEvent event = ConversationEvent::kFirstMessage;
  switch (conversation.state) {
    case ConversationState::kInbound:
      event = ConversationEvent::kFirstMessage;
      break;
    case ConversationState::kCaptureMin:
      event = ConversationEvent::kDataIncomplete;
      break;
    case ConversationState::kWon:
    case ConversationState::kLost:
      event = ConversationEvent::kCustomerReturns;
      break;
    default:
      event = ConversationEvent::kCustomerOther;
      break;
  }
  auto next = core::Transition(conversation.state, event);
  if (!next) return next.error();
  decision.new_state = *next;
  if (decision.new_state == ConversationState::kWaitingReply) decision.needs_human = true;
  if (decision.new_state == ConversationState::kCaptureMin) {
    decision.replies.push_back(
        {"prompt:" + inbound.message_id, core::RenderCapturePrompt(conversation.customer_name)});
  }
  return decision;
}

core::Status FlushOutbox(const std::string& tenant_id, const std::string& conversation_id,
                         const ProcessPorts& ports) {
  auto pending = ports.conversations.PendingSends(tenant_id, conversation_id);
  if (!pending) return pending.error();
  for (const PendingSend& send : *pending) {
    auto sent = ports.messenger.SendText(send.tenant_id, send.channel_id, send.to, send.body);
    if (sent) {
      if (auto marked = ports.conversations.MarkSent(send, *sent); !marked) return marked;
      continue;
    }
    if (sent.error().is_transient()) return sent.error();
    if (auto marked = ports.conversations.MarkSendFailed(send, sent.error().message()); !marked) {
      return marked;
    }
  }
  return core::Ok();
}

core::Status ProcessInbound(const std::string& tenant_id, const std::string& message_id,
                            const ProcessPorts& ports) {
  auto found = ports.conversations.FindInbound(tenant_id, message_id);
  if (!found) return found.error();
  if (!*found) return core::Error::NotFound("inbound message " + message_id);
  const InboundRecord& inbound = **found;

  auto conversation = ports.conversations.AttachConversation(inbound);
  if (!conversation) return conversation.error();
  if (!inbound.processed) {
    auto decision = DecideInbound(inbound, *conversation);
    if (!decision) return decision.error();
    if (auto committed = ports.conversations.CommitDecision(inbound, *conversation, *decision);
        !committed) {
      return committed;
    }
  }
  return FlushOutbox(inbound.tenant_id, conversation->id, ports);
}

}  // namespace orcazap::service

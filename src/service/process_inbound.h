#pragma once
// Use case: the worker processes one inbound message: attach it to its conversation, decide
// what changes (core), commit that with the replies recorded in the outbox, then send them.
//
// Contract:
// 1. Idempotent: processing the same message again never records or sends a reply twice; a
//    message already processed only flushes replies still unsent.
// 2. Returns ok only when every reply of the conversation's outbox was sent or recorded as
//    permanently failed; a kTransient error means "retry the job later".

#include <string>

#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

struct ProcessPorts {
  ConversationStore& conversations;
  Messenger& messenger;
};

// What a conversation does with one inbound message: the state machine plus the texts.
core::Result<Decision> DecideInbound(const InboundRecord& inbound,
                                     const ConversationRecord& conversation);

core::Status ProcessInbound(const std::string& tenant_id, const std::string& message_id,
                            const ProcessPorts& ports);

// Sends what the outbox holds for a conversation, in order.
core::Status FlushOutbox(const std::string& tenant_id, const std::string& conversation_id,
                         const ProcessPorts& ports);

}  // namespace orcazap::service

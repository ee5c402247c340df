#pragma once
// Use cases of the worker: process one inbound message (attach it to its conversation, take the
// conversation's turn in core, commit that with the replies recorded in the outbox, then send
// them), and expire quotes whose validity passed.
//
// Contract:
// 1. Idempotent: processing the same message again never records or sends a reply twice; a
//    message already processed only flushes replies still unsent.
// 2. Returns ok only when every reply of the conversation's outbox was sent or recorded as
//    permanently failed; kTransient / kConflict mean "retry the job later".
// 3. Messages of one customer are processed one at a time (LockCustomer) and in arrival order:
//    a job processes every earlier unprocessed message of that customer first.
// 4. An event the state machine refuses changes nothing; it is reported through `on_refused`
//    and the message is marked processed (retrying would refuse it again).
// 5. A reply is sent at most once per attempt window: before each send the attempt is recorded
//    (MarkSendAttempt; for the replies of the turn just taken, by the decision that records them,
//    Decision::attempt_at, so they leave without another write), and the send carries the
//    outbox id, which WhatsApp echoes in the message's status webhooks. A reply whose earlier
//    attempt died mid-send is left alone for `send_confirm_window` (its "sent" status, if it
//    reached WhatsApp, marks it sent meanwhile); only a reply WhatsApp never reported within
//    that window is sent again. Replies marked but certainly not tried (the send before them
//    failed) have their mark cleared, so a retry sends them at once.
// 5a. A reply whose conversation is outside WhatsApp's 24-hour customer service window
//    (PendingSend::window_closed) is not attempted: it is recorded failed with
//    kWindowClosedError, which the panel shows on the message.
// 6. A turn uses the store's settings and catalog as they were when the customer's lock was
//    granted (read with it, LockedInbound::tenant) or later: a change committed before the job
//    began is always in its quote.
// 7. A turn reads the message as of when the customer sent it (CustomerWroteAt): "hoje" and
//    "amanhã" are that day's, a "sim" sent before the quote's valid_until wins it however late it
//    is processed, and WhatsApp's 24-hour window runs from it. The quote it makes is valid from
//    the moment it is made.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

struct ProcessPorts {
  ConversationStore& conversations;
  TenantStore& tenants;
  Messenger& messenger;
  const Clock& clock;
  // How long to wait for the status webhook of a send whose outcome is unknown before sending
  // it again.
  std::chrono::seconds send_confirm_window{60};
  std::function<void(const std::string& conversation_id, const core::Error& refused)> on_refused =
      [](const std::string&, const core::Error&) {};
};

core::Status ProcessInbound(const std::string& tenant_id, const std::string& message_id,
                            const ProcessPorts& ports);

// Meta redelivers a webhook it could not hand over for up to 7 days.
inline constexpr std::chrono::hours kLatestWebhookRedelivery{7 * 24};

// When the customer sent a message: WhatsApp's timestamp, never later than `now` (a clock that
// runs ahead); `now` when there is none or it is older than any redelivery (a missing timestamp
// reads as 1970).
Instant CustomerWroteAt(std::optional<Instant> sent_at, Instant now);

// Re-enqueues up to `limit` inbound messages stored more than `age` ago and never processed
// (e.g. Redis was down when they arrived); returns how many were enqueued.
core::Result<int> ReconcileUnprocessed(ConversationStore& store, JobQueue& queue,
                                       const Clock& clock, std::chrono::seconds age, int limit);

// Expires up to `limit` due quotes; returns how many conversations were closed.
core::Result<int> ExpireDueQuotes(const ProcessPorts& ports, int limit);

// Re-enqueues a "flush" job for up to `limit` conversations whose outbox holds a reply recorded
// more than `age` ago and still unsent; returns how many were enqueued.
core::Result<int> ReconcileOutbox(ConversationStore& store, JobQueue& queue, const Clock& clock,
                                  std::chrono::seconds age, int limit);

// Sends what the outbox holds for a conversation, in order (see 5 above). kTransient while an
// earlier attempt's outcome is still unknown: the job is retried later.
// `outbox`: the conversation's pending sends when the caller has just read them (a decision
// returns them); read here otherwise.
inline constexpr char kWindowClosedError[] =
    "not sent: more than 24 hours since the customer's last message (WhatsApp accepts free-form "
    "text only within its 24-hour customer service window)";

core::Status FlushOutbox(const std::string& tenant_id, const std::string& conversation_id,
                         const ProcessPorts& ports,
                         std::optional<std::vector<PendingSend>> outbox = std::nullopt);

}  // namespace orcazap::service

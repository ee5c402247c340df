#include "service/process_inbound.h"

#include <algorithm>
#include <chrono>

#include "service/approvals.h"

namespace orcazap::service {
namespace {

Decision DecisionFrom(const ConversationRecord& conversation, const core::Turn& turn,
                      const std::string& cause_key, Instant valid_until) {
  Decision decision;
  decision.expected_state = conversation.state;
  decision.new_state = turn.state;
  decision.captured = turn.captured;
  decision.needs_human = turn.needs_human;
  for (const auto& reply : turn.replies) {
    decision.replies.push_back({reply.purpose + ":" + cause_key, reply.body});
  }
  if (turn.new_quote) decision.new_quote = NewQuote{*turn.new_quote, valid_until};
  decision.open_quote_outcome = turn.open_quote_outcome;
  return decision;
}

core::Result<core::ConversationSnapshot> SnapshotOf(const ConversationRecord& conversation,
                                                    const TenantContext& tenant,
                                                    const Clock& clock) {
  core::ConversationSnapshot snapshot{conversation.state, conversation.captured,
                                      conversation.needs_human, std::nullopt};
  if (conversation.open_quote) {
    auto valid_until = clock.ToLocal(conversation.open_quote->valid_until, tenant.timezone);
    if (!valid_until) return valid_until.error();
    snapshot.open_quote =
        core::OpenQuote{conversation.open_quote->id, conversation.open_quote->quote, *valid_until};
  }
  return snapshot;
}

// The message's tenant: with the settings read with its customer's lock when there are some
// (LockedInbound::tenant), else read now.
core::Result<TenantContext> TenantOf(const InboundRecord& inbound,
                                     const std::optional<TenantSettings>& settings,
                                     const ProcessPorts& ports) {
  if (settings) return ports.tenants.TenantWith(inbound.tenant_id, *settings);
  return ports.tenants.LoadTenant(inbound.tenant_id);
}

// Returns the outbox as the turn's decision left it (nullopt: the message was already processed).
core::Result<std::optional<std::vector<PendingSend>>> TakeInboundTurn(
    const InboundRecord& inbound, const ConversationRecord& conversation,
    const std::optional<TenantSettings>& settings, const ProcessPorts& ports) {
  auto tenant = TenantOf(inbound, settings, ports);
  if (!tenant) return tenant.error();
  const Instant now = ports.clock.Now();
  const Instant valid_until = now + std::chrono::hours(tenant->quote_validity_hours);
  // "hoje", "amanhã" and a quote's expiry are the customer's, from when they wrote.
  const Instant wrote_at = CustomerWroteAt(inbound.sent_at, now);
  auto today = ports.clock.ToLocal(wrote_at, tenant->timezone);
  if (!today) return today.error();
  auto answered = ports.clock.ToLocal(now, tenant->timezone);
  if (!answered) return answered.error();
  auto valid_until_local = ports.clock.ToLocal(valid_until, tenant->timezone);
  if (!valid_until_local) return valid_until_local.error();
  auto snapshot = SnapshotOf(conversation, *tenant, ports.clock);
  if (!snapshot) return snapshot.error();

  const core::Texts& texts = *tenant->texts;
  const core::PreparedCatalog& catalog = *tenant->catalog;
  const core::TurnContext context{.catalog = catalog.catalog(),
                                  .texts = texts,
                                  .customer_name = conversation.customer_name,
                                  .today = today->date,
                                  .valid_until = *valid_until_local,
                                  .store_hours = tenant->store_hours,
                                  .matcher = &catalog.matcher(),
                                  .now = *today,
                                  .answer_date = answered->date};
  const core::Turn turn = core::TakeTurn(
      *snapshot, core::ViewOf(inbound.type, inbound.text, inbound.location), context);
  if (turn.refused) ports.on_refused(conversation.id, *turn.refused);
  Decision decision = DecisionFrom(conversation, turn, inbound.message_id, valid_until);
  decision.processed_message_id = inbound.message_id;
  decision.customer_wrote_at = wrote_at;
  decision.attempt_at = ports.clock.Now();  // its replies leave right after (FlushOutbox)
  return ports.conversations.CommitDecision(conversation, decision);
}

}  // namespace

Instant CustomerWroteAt(std::optional<Instant> sent_at, Instant now) {
  if (!sent_at || *sent_at < now - kLatestWebhookRedelivery) return now;
  return std::min(*sent_at, now);
}

core::Status FlushOutbox(const std::string& tenant_id, const std::string& conversation_id,
                         const ProcessPorts& ports,
                         std::optional<std::vector<PendingSend>> outbox) {
  if (!outbox) {
    auto pending = ports.conversations.PendingSends(tenant_id, conversation_id);
    if (!pending) return pending.error();
    outbox = std::move(pending).value();
  }
  // The replies from `from` on that their decision marked as attempted (claimed) but that were
  // not tried: cleared, so that the next attempt sends them without waiting for a status.
  const auto release_untried = [&](std::vector<PendingSend>::iterator from) -> core::Status {
    for (; from != outbox->end(); ++from) {
      if (!from->claimed) continue;
      if (auto cleared = ports.conversations.MarkSendAttempt(*from, std::nullopt); !cleared) {
        return cleared;
      }
    }
    return core::Ok();
  };
  for (auto send = outbox->begin(); send != outbox->end(); ++send) {
    if (send->window_closed) {
      if (auto marked = ports.conversations.MarkSendFailed(*send, kWindowClosedError); !marked) {
        return marked;
      }
      continue;
    }
    if (!send->claimed) {
      const Instant now = ports.clock.Now();
      if (send->attempted_at && now - *send->attempted_at < ports.send_confirm_window) {
        if (auto released = release_untried(send); !released) return released;
        return core::Error::Transient("outbound " + send->outbound_id +
                                      ": an earlier attempt may have reached WhatsApp; waiting "
                                      "for its status before sending again");
      }
      if (auto marked = ports.conversations.MarkSendAttempt(*send, now); !marked) return marked;
    }
    auto sent = ports.messenger.SendText(send->tenant_id, send->channel_id, send->to, send->body,
                                         send->outbound_id);
    if (sent) {
      if (auto marked = ports.conversations.MarkSent(*send, *sent); !marked) return marked;
      continue;
    }
    if (sent.error().is_transient()) {
      // Certainly not accepted: the next attempt need not wait for a status.
      if (!sent.error().outcome_unknown()) {
        if (auto cleared = ports.conversations.MarkSendAttempt(*send, std::nullopt); !cleared) {
          return cleared;
        }
      }
      if (auto released = release_untried(std::next(send)); !released) return released;
      return sent.error();
    }
    if (auto marked = ports.conversations.MarkSendFailed(*send, sent.error().message()); !marked) {
      return marked;
    }
  }
  return core::Ok();
}

namespace {

// The message's conversation: `linked` (the conversation it is linked to, as read under the
// customer's lock and current) when attaching would only read it again; otherwise attached (the
// contact's new name recorded, a new customer created).
core::Result<ConversationRecord> ConversationFor(const InboundRecord& inbound,
                                                 std::optional<ConversationRecord> linked,
                                                 const ProcessPorts& ports) {
  if (linked && AttachingChangesNothing(inbound, *linked)) return std::move(*linked);
  return ports.conversations.AttachConversation(inbound);
}

// One message under its customer's lock: attach, take the turn (once), send the replies.
// `settings`: the tenant's, as read with the lock.
core::Status ProcessOne(const InboundRecord& inbound, const std::optional<TenantSettings>& settings,
                        const ProcessPorts& ports,
                        std::optional<ConversationRecord> linked = std::nullopt) {
  auto conversation = ConversationFor(inbound, std::move(linked), ports);
  if (!conversation) return conversation.error();
  std::optional<std::vector<PendingSend>> outbox;  // read by the decision, when there is one
  if (!inbound.processed) {
    auto taken = TakeInboundTurn(inbound, *conversation, settings, ports);
    if (!taken) return taken.error();
    outbox = std::move(taken).value();
  }
  return FlushOutbox(inbound.tenant_id, conversation->id, ports, std::move(outbox));
}

}  // namespace

core::Status ProcessInbound(const std::string& tenant_id, const std::string& message_id,
                            const ProcessPorts& ports) {
  auto locked = ports.conversations.LockCustomerOf(tenant_id, message_id);
  if (!locked) return locked.error();
  if (!*locked) return core::Error::NotFound("inbound message " + message_id);
  const InboundRecord& inbound = (*locked)->message;
  const std::vector<std::string>& backlog = (*locked)->lock->backlog;
  std::optional<ConversationRecord> linked = std::move((*locked)->conversation);
  const std::optional<TenantSettings>& settings = (*locked)->tenant;
  for (const std::string& earlier_id : backlog) {
    if (earlier_id == message_id) break;
    auto earlier = ports.conversations.FindInbound(tenant_id, earlier_id);
    if (!earlier) return earlier.error();
    if (!*earlier) continue;
    if (auto done = ProcessOne(**earlier, settings, ports); !done) return done;
    linked.reset();  // the conversation moved on since the lock's read
  }
  // An earlier attempt (or another job's backlog) may have processed it since it was read: under
  // the lock, the backlog says whether it still waits.
  InboundRecord current = inbound;
  current.processed = std::find(backlog.begin(), backlog.end(), message_id) == backlog.end();
  return ProcessOne(current, settings, ports, std::move(linked));
}

core::Result<int> ReconcileUnprocessed(ConversationStore& store, JobQueue& queue,
                                       const Clock& clock, std::chrono::seconds age, int limit) {
  auto stale = store.StaleUnprocessed(clock.Now() - age, limit);
  if (!stale) return stale.error();
  int enqueued = 0;
  for (const NewInboundMessage& message : *stale) {
    if (auto ok =
            queue.Enqueue({kInboundJobKind, message.tenant_id, message.message_id, "reconcile"});
        !ok) {
      return ok.error();
    }
    ++enqueued;
  }
  return enqueued;
}

core::Result<int> ReconcileOutbox(ConversationStore& store, JobQueue& queue, const Clock& clock,
                                  std::chrono::seconds age, int limit) {
  auto stale = store.StaleOutbox(clock.Now() - age, limit);
  if (!stale) return stale.error();
  int enqueued = 0;
  for (const ConversationRef& conversation : *stale) {
    if (auto ok = queue.Enqueue(
            {kFlushJobKind, conversation.tenant_id, conversation.conversation_id, "reconcile"});
        !ok) {
      return ok.error();
    }
    ++enqueued;
  }
  return enqueued;
}

core::Result<int> ExpireDueQuotes(const ProcessPorts& ports, int limit) {
  auto due = ports.conversations.DueExpiries(ports.clock.Now(), limit);
  if (!due) return due.error();
  int expired = 0;
  for (const DueExpiry& expiry : *due) {
    auto conversation =
        ports.conversations.LoadConversation(expiry.tenant_id, expiry.conversation_id);
    if (!conversation) return conversation.error();
    auto tenant = ports.tenants.LoadTenant(expiry.tenant_id);
    if (!tenant) return tenant.error();
    auto snapshot = SnapshotOf(*conversation, *tenant, ports.clock);
    if (!snapshot || !conversation->open_quote) continue;
    const core::Turn turn =
        core::ExpireOpenQuote(*snapshot, *tenant->texts, conversation->customer_name);
    if (turn.refused) {
      ports.on_refused(conversation->id, *turn.refused);
      continue;
    }
    const Decision decision =
        DecisionFrom(*conversation, turn, "quote-" + conversation->open_quote->id, Instant{});
    if (auto committed = ports.conversations.CommitDecision(*conversation, decision); !committed) {
      if (committed.error().code() == core::ErrorCode::kConflict) continue;  // customer was faster
      return committed.error();
    }
    ++expired;
    // Under the customer's lock, like every send: a job of the same customer may be flushing.
    if (auto flushed = FlushConversation(expiry.tenant_id, expiry.conversation_id, ports);
        !flushed) {
      return flushed.error();
    }
  }
  return expired;
}

}  // namespace orcazap::service

#include <algorithm>

#include "testing/fake_internal.h"
#include "testing/fake_stores.h"

namespace orcazap::testing {
namespace {

using internal::FindIn;

}  // namespace

// ---- FakeConversationStore ----

core::Result<std::optional<service::InboundRecord>> FakeConversationStore::FindInbound(
    const std::string& tenant_id, const std::string& message_id) {
  const FakeMessage* message = db_.FindMessage(message_id);
  if (message == nullptr || !message->inbound || message->tenant_id != tenant_id) {
    return std::optional<service::InboundRecord>();
  }
  service::InboundRecord record;
  record.message_id = message->id;
  record.tenant_id = message->tenant_id;
  record.channel_id = message->channel_id;
  record.from = message->peer_phone;
  record.profile_name = message->peer_name;
  record.type = message->type;
  record.text = message->text;
  record.location = message->location;
  record.processed = message->processed;
  record.conversation_id = message->conversation_id;
  record.sent_at = message->sent_at;
  return std::optional(std::move(record));
}

core::Result<service::ConversationRecord> FakeConversationStore::AttachConversation(
    const service::InboundRecord& inbound) {
  FakeContact* found = FindIn(db_.contacts, [&](const FakeContact& c) {
    return c.tenant_id == inbound.tenant_id && c.phone == inbound.from;
  });
  if (found == nullptr) {
    db_.contacts.push_back({db_.NextId("contact"), inbound.tenant_id, inbound.from, ""});
    found = &db_.contacts.back();
  }
  FakeContact& contact = *found;
  if (!inbound.profile_name.empty()) contact.profile_name = inbound.profile_name;

  FakeConversation* conversation = FindIn(db_.conversations, [&](const FakeConversation& c) {
    return c.tenant_id == inbound.tenant_id && c.contact_id == contact.id &&
           c.channel_id == inbound.channel_id;
  });
  if (conversation == nullptr) {
    FakeConversation created;
    created.id = db_.NextId("conv");
    created.tenant_id = inbound.tenant_id;
    created.contact_id = contact.id;
    created.channel_id = inbound.channel_id;
    db_.conversations.push_back(std::move(created));
    conversation = &db_.conversations.back();
  }
  if (FakeMessage* message = db_.FindMessage(inbound.message_id);
      message != nullptr && message->tenant_id == inbound.tenant_id && !message->conversation_id) {
    message->conversation_id = conversation->id;
  }
  return LoadConversation(inbound.tenant_id, conversation->id);
}

core::Result<service::ConversationRecord> FakeConversationStore::LoadConversation(
    const std::string& tenant_id, const std::string& conversation_id) {
  const FakeConversation* conversation = db_.FindConversation(conversation_id);
  if (conversation == nullptr || conversation->tenant_id != tenant_id) {
    return core::Error::NotFound("conversation " + conversation_id);
  }
  const FakeContact* contact = FindIn(db_.contacts, [&](const FakeContact& c) {
    return c.tenant_id == tenant_id && c.id == conversation->contact_id;
  });
  service::ConversationRecord record;
  record.id = conversation->id;
  record.tenant_id = conversation->tenant_id;
  record.contact_id = conversation->contact_id;
  record.channel_id = conversation->channel_id;
  record.customer_phone = contact ? contact->phone : "";
  record.customer_name = contact ? contact->profile_name : "";
  record.state = conversation->state;
  record.captured = conversation->captured;
  record.needs_human = conversation->needs_human;
  if (const FakeQuote* quote = db_.FindOpenQuote(conversation->id)) {
    record.open_quote = service::StoredQuote{quote->id, quote->quote, quote->valid_until};
  }
  return record;
}

core::Result<std::optional<std::vector<service::PendingSend>>>
FakeConversationStore::CommitDecision(const service::ConversationRecord& conversation,
                                      const service::Decision& decision) {
  FakeMessage* message = nullptr;
  if (decision.processed_message_id) {
    message = db_.FindMessage(*decision.processed_message_id);
    if (message == nullptr || !message->inbound || message->tenant_id != conversation.tenant_id ||
        message->processed) {
      return std::optional<std::vector<service::PendingSend>>();  // another attempt did it
    }
  }
  FakeConversation* stored = db_.FindConversation(conversation.id);
  if (stored == nullptr || stored->tenant_id != conversation.tenant_id ||
      stored->state != decision.expected_state) {
    return core::Error::Conflict("conversation " + conversation.id + " left state " +
                                 core::StateName(decision.expected_state) + " meanwhile");
  }
  if (message != nullptr) message->processed = true;
  stored->state = decision.new_state;
  stored->captured = decision.captured;
  stored->needs_human = decision.needs_human;
  if (decision.open_quote_outcome) {
    for (FakeQuote& quote : db_.quotes) {
      if (quote.conversation_id != conversation.id) continue;
      if (quote.status != "sent" && quote.status != "pending_approval") continue;
      switch (*decision.open_quote_outcome) {
        case core::QuoteOutcome::kWon:
          quote.status = "won";
          break;
        case core::QuoteOutcome::kLost:
          quote.status = "lost";
          break;
        case core::QuoteOutcome::kExpired:
          quote.status = "expired";
          break;
      }
    }
  }
  if (decision.new_quote) {
    const core::Quote& quote = decision.new_quote->quote;
    db_.quotes.push_back({db_.NextId("quote"), conversation.tenant_id, conversation.id,
                          quote.needs_approval() ? "pending_approval" : "sent", quote,
                          decision.new_quote->valid_until});
  }
  std::vector<std::string> recorded;  // ids of the replies this decision adds
  for (const service::OutboundText& reply : decision.replies) {
    const bool exists =
        std::any_of(db_.messages.begin(), db_.messages.end(), [&](const FakeMessage& m) {
          return !m.inbound && m.tenant_id == conversation.tenant_id &&
                 m.purpose_key == reply.purpose_key;
        });
    if (exists) continue;
    FakeMessage outbound;
    outbound.id = db_.NextId("msg");
    outbound.tenant_id = conversation.tenant_id;
    outbound.channel_id = conversation.channel_id;
    outbound.conversation_id = conversation.id;
    outbound.inbound = false;
    outbound.peer_phone = conversation.customer_phone;
    outbound.type = "text";
    outbound.text = reply.body;
    outbound.purpose_key = reply.purpose_key;
    outbound.status = "queued";
    outbound.attempted_at = decision.attempt_at;
    recorded.push_back(outbound.id);
    db_.messages.push_back(std::move(outbound));
  }
  auto outbox = PendingSends(conversation.tenant_id, conversation.id);
  if (!outbox) return outbox.error();
  for (service::PendingSend& send : *outbox) {
    send.claimed = decision.attempt_at &&
                   std::find(recorded.begin(), recorded.end(), send.outbound_id) != recorded.end();
  }
  return std::optional(std::move(outbox).value());
}

core::Result<std::vector<service::DueExpiry>> FakeConversationStore::DueExpiries(
    service::Instant now, int limit) {
  std::vector<const FakeQuote*> due;
  for (const FakeQuote& quote : db_.quotes) {
    const FakeConversation* conversation = db_.FindConversation(quote.conversation_id);
    if (quote.status != "sent" || !(quote.valid_until < now) || conversation == nullptr) continue;
    if (conversation->state != core::ConversationState::kQuoteSent &&
        conversation->state != core::ConversationState::kWaitingReply) {
      continue;
    }
    due.push_back(&quote);
  }
  std::stable_sort(due.begin(), due.end(), [](const FakeQuote* a, const FakeQuote* b) {
    return a->valid_until < b->valid_until;
  });
  std::vector<service::DueExpiry> expiries;
  for (const FakeQuote* quote : due) {
    if (static_cast<int>(expiries.size()) >= limit) break;
    expiries.push_back({quote->tenant_id, quote->conversation_id});
  }
  return expiries;
}

core::Result<std::vector<service::PendingSend>> FakeConversationStore::PendingSends(
    const std::string& tenant_id, const std::string& conversation_id) {
  bool window_closed = false;
  for (const FakeConversation& conversation : db_.conversations) {
    if (conversation.id == conversation_id) window_closed = conversation.window_closed;
  }
  std::vector<service::PendingSend> sends;
  for (const FakeMessage& message : db_.messages) {
    if (message.inbound || message.tenant_id != tenant_id ||
        message.conversation_id != conversation_id || message.status != "queued") {
      continue;
    }
    sends.push_back({message.id, message.tenant_id, message.channel_id, message.peer_phone,
                     message.text, message.attempted_at});
    sends.back().window_closed = window_closed;
  }
  return sends;
}

core::Status FakeConversationStore::MarkSendAttempt(const service::PendingSend& send,
                                                    std::optional<service::Instant> at) {
  FakeMessage* message = db_.FindMessage(send.outbound_id);
  if (message != nullptr && message->tenant_id == send.tenant_id && message->status == "queued") {
    message->attempted_at = at;
  }
  return core::Ok();
}

// The fake keeps no recording time: every unsent reply not attempted since `before` is stale.
core::Result<std::vector<service::ConversationRef>> FakeConversationStore::StaleOutbox(
    service::Instant before, int limit) {
  std::vector<service::ConversationRef> stale;
  for (const FakeMessage& message : db_.messages) {
    if (static_cast<int>(stale.size()) >= limit) break;
    if (message.inbound || message.status != "queued" || !message.conversation_id) continue;
    if (message.attempted_at && *message.attempted_at >= before) continue;
    const bool listed = std::any_of(stale.begin(), stale.end(), [&](const auto& ref) {
      return ref.conversation_id == *message.conversation_id;
    });
    if (!listed) stale.push_back({message.tenant_id, *message.conversation_id});
  }
  return stale;
}

core::Status FakeConversationStore::MarkSent(const service::PendingSend& send,
                                             const std::string& provider_message_id) {
  FakeMessage* message = db_.FindMessage(send.outbound_id);
  if (message == nullptr || message->tenant_id != send.tenant_id || message->status != "queued") {
    return core::Ok();
  }
  message->status = "sent";
  message->provider_message_id = provider_message_id;
  // Statuses Meta reported before this row knew its provider id.
  for (const FakeStatusEvent& event : db_.status_events) {
    if (event.tenant_id == send.tenant_id && event.provider_message_id == provider_message_id) {
      internal::ApplyStatus(db_, send.tenant_id, provider_message_id, event.status, event.error);
    }
  }
  return core::Ok();
}

core::Status FakeConversationStore::MarkSendFailed(const service::PendingSend& send,
                                                   const std::string& error) {
  FakeMessage* message = db_.FindMessage(send.outbound_id);
  if (message != nullptr && message->tenant_id == send.tenant_id && message->status == "queued") {
    message->status = "failed";
    message->error = error;
  }
  return core::Ok();
}

core::Result<std::unique_ptr<service::CustomerLock>> FakeConversationStore::LockCustomer(
    const std::string& tenant_id, const std::string& channel_id, const std::string& phone) {
  auto lock = std::make_unique<service::CustomerLock>();
  for (const FakeMessage& message : db_.messages) {
    if (message.inbound && !message.processed && message.tenant_id == tenant_id &&
        message.channel_id == channel_id && message.peer_phone == phone) {
      lock->backlog.push_back(message.id);
    }
  }
  return lock;
}

core::Result<std::optional<service::LockedInbound>> FakeConversationStore::LockCustomerOf(
    const std::string& tenant_id, const std::string& message_id) {
  auto found = FindInbound(tenant_id, message_id);
  if (!found) return found.error();
  if (!*found) return std::optional<service::LockedInbound>();
  auto lock = LockCustomer(tenant_id, (*found)->channel_id, (*found)->from);
  if (!lock) return lock.error();
  std::optional<service::ConversationRecord> conversation;
  if ((*found)->conversation_id) {
    auto loaded = LoadConversation(tenant_id, *(*found)->conversation_id);
    if (!loaded) return loaded.error();
    conversation = std::move(loaded).value();
  }
  std::optional<service::TenantSettings> settings;
  if (auto it = db_.tenant_settings.find(tenant_id); it != db_.tenant_settings.end()) {
    settings = it->second;
  }
  return std::optional(service::LockedInbound{std::move(**found), std::move(*lock),
                                              std::move(conversation), std::move(settings)});
}

core::Result<std::vector<service::NewInboundMessage>> FakeConversationStore::StaleUnprocessed(
    service::Instant /*before*/, int limit) {
  std::vector<service::NewInboundMessage> stale;
  for (const FakeMessage& message : db_.messages) {
    if (static_cast<int>(stale.size()) >= limit) break;
    if (message.inbound && !message.processed) stale.push_back({message.id, message.tenant_id});
  }
  return stale;
}

}  // namespace orcazap::testing

#include "testing/fake_stores.h"

#include <algorithm>
#include <chrono>

namespace orcazap::testing {
namespace {

// The order statuses advance in (the PostgreSQL adapter's kApplyStatus); a status never goes back.
int StatusRank(const std::string& status) {
  if (status == "sent") return 1;
  if (status == "delivered") return 2;
  if (status == "read") return 3;
  if (status == "failed") return 4;
  return 0;
}

void ApplyStatus(FakeDatabase& db, const std::string& tenant_id, const std::string& provider_id,
                 const std::string& status, const std::optional<std::string>& error) {
  for (FakeMessage& message : db.messages) {
    if (message.inbound || message.tenant_id != tenant_id ||
        message.provider_message_id != provider_id) {
      continue;
    }
    if (StatusRank(message.status) >= StatusRank(status)) continue;
    message.status = status;
    if (error) message.error = *error;
  }
}

void NoteUnknown(service::IngestOutcome& outcome, const std::string& phone_number_id) {
  auto& unknown = outcome.unknown_phone_number_ids;
  if (std::find(unknown.begin(), unknown.end(), phone_number_id) == unknown.end()) {
    unknown.push_back(phone_number_id);
  }
}

template <typename Table, typename Predicate>
auto FindIn(Table& table, Predicate predicate) -> decltype(&table[0]) {
  auto it = std::find_if(table.begin(), table.end(), predicate);
  return it == table.end() ? nullptr : &*it;
}

}  // namespace

// ---- FakeDatabase ----

std::string FakeDatabase::NextId(const std::string& prefix) {
  return prefix + "-" + std::to_string(++counters_[prefix]);
}

std::string FakeDatabase::AddChannel(const std::string& tenant_id,
                                     const std::string& phone_number_id,
                                     const std::string& verify_token) {
  channels.push_back({NextId("chan"), tenant_id, phone_number_id, verify_token, true});
  return channels.back().id;
}

const FakeChannel* FakeDatabase::FindChannelByPhoneNumberId(
    const std::string& phone_number_id) const {
  return FindIn(channels, [&](const FakeChannel& channel) {
    return channel.active && channel.phone_number_id == phone_number_id;
  });
}

const FakeMessage* FakeDatabase::FindMessage(const std::string& id) const {
  return FindIn(messages, [&](const FakeMessage& message) { return message.id == id; });
}

FakeMessage* FakeDatabase::FindMessage(const std::string& id) {
  return FindIn(messages, [&](const FakeMessage& message) { return message.id == id; });
}

const FakeMessage* FakeDatabase::FindByProviderId(const std::string& provider_message_id) const {
  return FindIn(messages, [&](const FakeMessage& message) {
    return !provider_message_id.empty() && message.provider_message_id == provider_message_id;
  });
}

const FakeConversation* FakeDatabase::FindConversation(const std::string& id) const {
  return FindIn(conversations,
                [&](const FakeConversation& conversation) { return conversation.id == id; });
}

FakeConversation* FakeDatabase::FindConversation(const std::string& id) {
  return FindIn(conversations,
                [&](const FakeConversation& conversation) { return conversation.id == id; });
}

const FakeContact* FakeDatabase::FindContact(const std::string& tenant_id,
                                             const std::string& phone) const {
  return FindIn(contacts, [&](const FakeContact& contact) {
    return contact.tenant_id == tenant_id && contact.phone == phone;
  });
}

const FakeConversation* FakeDatabase::FindConversationWith(const std::string& tenant_id,
                                                           const std::string& phone) const {
  const FakeContact* contact = FindContact(tenant_id, phone);
  if (contact == nullptr) return nullptr;
  return FindIn(conversations, [&](const FakeConversation& conversation) {
    return conversation.tenant_id == tenant_id && conversation.contact_id == contact->id;
  });
}

const FakeQuote* FakeDatabase::FindOpenQuote(const std::string& conversation_id) const {
  return FindIn(quotes, [&](const FakeQuote& quote) {
    return quote.conversation_id == conversation_id &&
           (quote.status == "sent" || quote.status == "pending_approval");
  });
}

std::vector<FakeMessage> FakeDatabase::Outbound(const std::string& conversation_id) const {
  std::vector<FakeMessage> outbound;
  for (const FakeMessage& message : messages) {
    if (!message.inbound && message.conversation_id == conversation_id) {
      outbound.push_back(message);
    }
  }
  return outbound;
}

// ---- FakeWebhookStore ----

core::Result<service::IngestOutcome> FakeWebhookStore::PersistWebhook(
    const core::WebhookBatch& batch) {
  service::IngestOutcome outcome;
  for (const core::InboundMessage& message : batch.messages) {
    const FakeChannel* channel = db_.FindChannelByPhoneNumberId(message.phone_number_id);
    if (channel == nullptr) {
      NoteUnknown(outcome, message.phone_number_id);
      continue;
    }
    if (db_.FindByProviderId(message.provider_message_id) != nullptr) {
      ++outcome.duplicate_messages;
      continue;
    }
    FakeMessage stored;
    stored.id = db_.NextId("msg");
    stored.tenant_id = channel->tenant_id;
    stored.channel_id = channel->id;
    stored.provider_message_id = message.provider_message_id;
    stored.peer_phone = message.from;
    stored.peer_name = message.profile_name;
    stored.type = message.type;
    stored.text = message.text;
    if (message.type == "location") stored.location = message.location;
    outcome.new_messages.push_back({stored.id, stored.tenant_id});
    db_.messages.push_back(std::move(stored));
  }
  for (const core::StatusUpdate& status : batch.statuses) {
    const FakeChannel* channel = db_.FindChannelByPhoneNumberId(status.phone_number_id);
    if (channel == nullptr) {
      NoteUnknown(outcome, status.phone_number_id);
      continue;
    }
    std::optional<std::string> error;
    if (status.error_code) error = std::to_string(*status.error_code) + " " + status.error_title;
    const bool seen = std::any_of(
        db_.status_events.begin(), db_.status_events.end(), [&](const FakeStatusEvent& event) {
          return event.provider_message_id == status.provider_message_id &&
                 event.status == status.status;
        });
    if (!seen) {
      db_.status_events.push_back(
          {channel->tenant_id, status.provider_message_id, status.status, error});
    }
    // A send whose sender died before recording it: the reference names the outbox row.
    if (FakeMessage* sent = db_.FindMessage(status.callback_data);
        sent != nullptr && !status.callback_data.empty() && !sent->inbound &&
        sent->tenant_id == channel->tenant_id && sent->status == "queued" &&
        sent->provider_message_id.empty()) {
      sent->provider_message_id = status.provider_message_id;
      sent->status = "sent";
    }
    ApplyStatus(db_, channel->tenant_id, status.provider_message_id, status.status, error);
    ++outcome.statuses_recorded;
  }
  return outcome;
}

core::Result<bool> FakeWebhookStore::IsVerifyToken(const std::string& token) {
  return std::any_of(db_.channels.begin(), db_.channels.end(), [&](const FakeChannel& channel) {
    return channel.active && !token.empty() && channel.verify_token == token;
  });
}

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
    db_.messages.push_back(std::move(outbound));
  }
  auto outbox = PendingSends(conversation.tenant_id, conversation.id);
  if (!outbox) return outbox.error();
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
  std::vector<service::PendingSend> sends;
  for (const FakeMessage& message : db_.messages) {
    if (message.inbound || message.tenant_id != tenant_id ||
        message.conversation_id != conversation_id || message.status != "queued") {
      continue;
    }
    sends.push_back({message.id, message.tenant_id, message.channel_id, message.peer_phone,
                     message.text, message.attempted_at});
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
      ApplyStatus(db_, send.tenant_id, provider_message_id, event.status, event.error);
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

// ---- FakeMessenger, FakeJobQueue ----

core::Result<std::string> FakeMessenger::SendText(const std::string& tenant_id,
                                                  const std::string& channel_id,
                                                  const std::string& to, const std::string& body,
                                                  const std::string& reference) {
  ++attempts_;
  if (failures_left_ > 0) {
    --failures_left_;
    return *failure_;
  }
  const std::string id = "wamid.fake-" + std::to_string(sent_.size() + 1);
  sent_.push_back({tenant_id, channel_id, to, body, reference, id});
  if (lose_next_answer_) {
    lose_next_answer_ = false;
    return core::Error::Transient("the answer to the send was lost").WithOutcomeUnknown();
  }
  return id;
}

void FakeMessenger::FailNext(int times, core::Error error) {
  failures_left_ = times;
  failure_ = std::move(error);
}

core::Status FakeJobQueue::Enqueue(const service::Job& job) {
  if (failures_left_ > 0) {
    --failures_left_;
    return core::Error::Transient("queue unavailable");
  }
  jobs_.push_back(job);
  return core::Ok();
}

core::Result<service::TenantContext> FakeTenantStore::LoadTenant(const std::string& tenant_id) {
  auto it = tenants_.find(tenant_id);
  if (it == tenants_.end()) return core::Error::NotFound("tenant " + tenant_id);
  return it->second;
}

core::Result<core::LocalDateTime> FakeClock::ToLocal(service::Instant instant,
                                                     const std::string& zone) const {
  int offset_hours = 0;
  if (zone == "America/Sao_Paulo") {
    offset_hours = -3;
  } else if (zone == "America/Manaus") {
    offset_hours = -4;
  } else if (zone != "UTC") {
    return core::Error::InvalidInput("unknown time zone \"" + zone + "\"");
  }
  const int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count() +
      offset_hours * 3600;
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  return core::LocalDateTime{core::CivilDate::FromDaysSinceEpoch(static_cast<long>(days)),
                             static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60)};
}

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
  return std::optional(service::LockedInbound{std::move(**found), std::move(*lock)});
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

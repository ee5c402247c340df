#include "testing/fake_stores.h"

#include <algorithm>
#include <chrono>

#include "testing/fake_internal.h"

// FakeDatabase, FakeWebhookStore and the small fakes; FakeConversationStore is in
// fake_conversation_store.cc, the fault-injecting wrappers in fault_injection.cc.

namespace orcazap::testing {

namespace internal {
namespace {

// The order statuses advance in (the PostgreSQL adapter's kApplyStatus); a status never goes back.
int StatusRank(const std::string& status) {
  if (status == "sent") return 1;
  if (status == "delivered") return 2;
  if (status == "read") return 3;
  if (status == "failed") return 4;
  return 0;
}

}  // namespace

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

}  // namespace internal

namespace {

using internal::FindIn;

void NoteUnknown(service::IngestOutcome& outcome, const std::string& phone_number_id) {
  auto& unknown = outcome.unknown_phone_number_ids;
  if (std::find(unknown.begin(), unknown.end(), phone_number_id) == unknown.end()) {
    unknown.push_back(phone_number_id);
  }
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
    stored.sent_at = service::Instant(std::chrono::seconds(message.timestamp));
    if (message.type == "location") stored.location = message.location;
    // As the real INSERT: a known customer's message comes linked to their conversation.
    if (const FakeContact* contact = db_.FindContact(channel->tenant_id, message.from)) {
      for (const FakeConversation& conversation : db_.conversations) {
        if (conversation.tenant_id == channel->tenant_id &&
            conversation.contact_id == contact->id && conversation.channel_id == channel->id) {
          stored.conversation_id = conversation.id;
        }
      }
    }
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
    internal::ApplyStatus(db_, channel->tenant_id, status.provider_message_id, status.status,
                          error);
    ++outcome.statuses_recorded;
  }
  return outcome;
}

core::Result<bool> FakeWebhookStore::IsVerifyToken(const std::string& token) {
  return std::any_of(db_.channels.begin(), db_.channels.end(), [&](const FakeChannel& channel) {
    return channel.active && !token.empty() && channel.verify_token == token;
  });
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
  ++loads_;
  auto it = tenants_.find(tenant_id);
  if (it == tenants_.end()) return core::Error::NotFound("tenant " + tenant_id);
  return it->second;
}

core::Result<service::TenantContext> FakeTenantStore::TenantWith(
    const std::string& tenant_id, const service::TenantSettings& settings) {
  auto it = tenants_.find(tenant_id);
  if (it == tenants_.end()) return core::Error::NotFound("tenant " + tenant_id);
  service::TenantContext tenant = it->second;
  tenant.timezone = settings.timezone;
  tenant.quote_validity_hours = settings.quote_validity_hours;
  tenant.store_hours = settings.store_hours;
  return tenant;
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

}  // namespace orcazap::testing

#pragma once
// In-memory implementations of the service ports (service/ports.h), for tests that need no
// server, plus fault-injecting wrappers.
//
// Invariants (the same as the PostgreSQL adapters, which these mirror):
// 1. FakeWebhookStore and FakeConversationStore share one FakeDatabase, as the real stores
//    share one database: what a webhook persists is what the worker finds.
// 2. Inbound messages are unique by provider_message_id; status events by (provider id, status).
// 3. A contact is unique per (tenant, phone); a conversation per (tenant, contact, channel).
// 4. Outbound texts are unique per (tenant, purpose_key); PendingSends lists them in the order
//    they were recorded.
// 5. A conversation has at most one open quote ("sent" or "pending_approval").
// 6. A store method either applies entirely or changes nothing.
// Ids are deterministic ("msg-1", "conv-1", ...). Not thread-safe.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/ports.h"

namespace orcazap::testing {

struct FakeChannel {
  std::string id;
  std::string tenant_id;
  std::string phone_number_id;
  std::string verify_token;
  bool active = true;
};

struct FakeMessage {
  std::string id;
  std::string tenant_id;
  std::string channel_id;
  std::optional<std::string> conversation_id;
  bool inbound = true;
  std::string provider_message_id;  // outbound: empty until sent
  std::string peer_phone;
  std::string peer_name;
  std::string type;
  std::string text;
  std::optional<core::GeoPoint> location;   // inbound location messages
  bool processed = false;                   // inbound only
  std::optional<service::Instant> sent_at;  // inbound only: WhatsApp's timestamp
  std::string purpose_key;                  // outbound only
  std::string status;  // outbound: "queued", "sent", "delivered", "read", "failed"
  std::string error;   // outbound: why it failed
  std::optional<service::Instant> attempted_at;  // outbound: an attempt to send started
};

struct FakeContact {
  std::string id;
  std::string tenant_id;
  std::string phone;
  std::string profile_name;
};

struct FakeConversation {
  std::string id;
  std::string tenant_id;
  std::string contact_id;
  std::string channel_id;
  core::ConversationState state = core::ConversationState::kInbound;
  core::Extraction captured;
  bool needs_human = false;
  bool window_closed = false;  // PendingSend::window_closed of its replies (tests set it)
};

struct FakeQuote {
  std::string id;
  std::string tenant_id;
  std::string conversation_id;
  std::string status;  // "sent", "pending_approval", "won", "lost", "expired"
  core::Quote quote;
  service::Instant valid_until;
};

struct FakeStatusEvent {
  std::string tenant_id;
  std::string provider_message_id;
  std::string status;
  std::optional<std::string> error;  // "<code> <title>"
};

// The tables. Tests read them directly to assert on what an operator would see.
class FakeDatabase {
 public:
  // Returns the new channel's id.
  std::string AddChannel(const std::string& tenant_id, const std::string& phone_number_id,
                         const std::string& verify_token = "");

  const FakeChannel* FindChannelByPhoneNumberId(const std::string& phone_number_id) const;
  const FakeMessage* FindMessage(const std::string& id) const;
  FakeMessage* FindMessage(const std::string& id);
  const FakeMessage* FindByProviderId(const std::string& provider_message_id) const;
  const FakeConversation* FindConversation(const std::string& id) const;
  FakeConversation* FindConversation(const std::string& id);
  // The conversation of the contact with that phone, on any channel of the tenant.
  const FakeConversation* FindConversationWith(const std::string& tenant_id,
                                               const std::string& phone) const;
  const FakeContact* FindContact(const std::string& tenant_id, const std::string& phone) const;
  const FakeQuote* FindOpenQuote(const std::string& conversation_id) const;

  // Outbound texts of a conversation, in the order they were recorded.
  std::vector<FakeMessage> Outbound(const std::string& conversation_id) const;

  std::string NextId(const std::string& prefix);

  std::vector<FakeChannel> channels;
  std::vector<FakeMessage> messages;  // in insertion order (PostgreSQL's seq)
  std::vector<FakeContact> contacts;
  std::vector<FakeConversation> conversations;
  std::vector<FakeStatusEvent> status_events;
  std::vector<FakeQuote> quotes;
  // Tenants' settings by tenant id, as LockCustomerOf reads them with the lock (none: not read).
  std::map<std::string, service::TenantSettings> tenant_settings;

 private:
  std::map<std::string, int> counters_;
};

class FakeWebhookStore : public service::WebhookStore {
 public:
  explicit FakeWebhookStore(FakeDatabase& db) : db_(db) {}
  core::Result<service::IngestOutcome> PersistWebhook(const core::WebhookBatch& batch) override;
  core::Result<bool> IsVerifyToken(const std::string& token) override;

 private:
  FakeDatabase& db_;
};

// Single-threaded: LockCustomer hands out a lock that guards nothing, and StaleUnprocessed
// treats every unprocessed message as stale (fake messages have no arrival time).
class FakeConversationStore : public service::ConversationStore {
 public:
  explicit FakeConversationStore(FakeDatabase& db) : db_(db) {}
  core::Result<std::optional<service::InboundRecord>> FindInbound(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<service::ConversationRecord> AttachConversation(
      const service::InboundRecord& inbound) override;
  core::Result<service::ConversationRecord> LoadConversation(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Result<std::optional<std::vector<service::PendingSend>>> CommitDecision(
      const service::ConversationRecord& conversation, const service::Decision& decision) override;
  core::Result<std::vector<service::DueExpiry>> DueExpiries(service::Instant now,
                                                            int limit) override;
  core::Result<std::unique_ptr<service::CustomerLock>> LockCustomer(
      const std::string& tenant_id, const std::string& channel_id,
      const std::string& phone) override;
  core::Result<std::optional<service::LockedInbound>> LockCustomerOf(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<std::vector<service::NewInboundMessage>> StaleUnprocessed(service::Instant before,
                                                                         int limit) override;
  core::Result<std::vector<service::PendingSend>> PendingSends(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Status MarkSendAttempt(const service::PendingSend& send,
                               std::optional<service::Instant> at) override;
  core::Result<std::vector<service::ConversationRef>> StaleOutbox(service::Instant before,
                                                                  int limit) override;
  core::Status MarkSent(const service::PendingSend& send,
                        const std::string& provider_message_id) override;
  core::Status MarkSendFailed(const service::PendingSend& send, const std::string& error) override;

 private:
  FakeDatabase& db_;
};

// Tenants by id; an unknown id is kNotFound. TenantWith gives the stored tenant with the
// settings it is given (their catalog version is not checked: there is one catalog per tenant).
class FakeTenantStore : public service::TenantStore {
 public:
  void Put(const std::string& tenant_id, service::TenantContext tenant) {
    tenants_[tenant_id] = std::move(tenant);
  }
  core::Result<service::TenantContext> LoadTenant(const std::string& tenant_id) override;
  core::Result<service::TenantContext> TenantWith(const std::string& tenant_id,
                                                  const service::TenantSettings& settings) override;
  int loads() const { return loads_; }  // calls of LoadTenant

 private:
  std::map<std::string, service::TenantContext> tenants_;
  int loads_ = 0;
};

// A Messenger that records every attempt and answers "wamid.fake-<n>", or fails on request.
class FakeMessenger : public service::Messenger {
 public:
  struct Send {
    std::string tenant_id;
    std::string channel_id;
    std::string to;
    std::string body;
    std::string reference;
    std::string provider_message_id;
  };

  core::Result<std::string> SendText(const std::string& tenant_id, const std::string& channel_id,
                                     const std::string& to, const std::string& body,
                                     const std::string& reference) override;

  // The next attempt reaches WhatsApp (it is recorded as sent) but its answer is lost: the
  // caller gets kTransient, as when the sender dies before reading the answer.
  void LoseNextAnswer() { lose_next_answer_ = true; }

  // The next `times` attempts fail with `error` (and are not counted as sent).
  void FailNext(int times, core::Error error);
  void FailNextTransiently(int times) { FailNext(times, core::Error::Transient("HTTP 429")); }
  void FailNextPermanently(int times) {
    FailNext(times, core::Error::Permanent("Graph API error 131047: Re-engagement message"));
  }

  const std::vector<Send>& sent() const { return sent_; }
  int attempts() const { return attempts_; }

 private:
  std::vector<Send> sent_;
  int attempts_ = 0;
  int failures_left_ = 0;
  std::optional<core::Error> failure_;
  bool lose_next_answer_ = false;
};

class FakeJobQueue : public service::JobQueue {
 public:
  core::Status Enqueue(const service::Job& job) override;
  // The next `times` enqueues fail with kTransient and queue nothing.
  void FailNext(int times) { failures_left_ = times; }
  const std::vector<service::Job>& jobs() const { return jobs_; }

 private:
  std::vector<service::Job> jobs_;
  int failures_left_ = 0;
};

// A clock that moves only when told. Knows fixed-offset zones only: "UTC",
// "America/Sao_Paulo" (UTC−3, no daylight saving since 2019) and "America/Manaus" (UTC−4);
// any other zone is kInvalidInput.
class FakeClock : public service::Clock {
 public:
  // 2026-01-01 10:00 UTC (07:00 in São Paulo) unless told otherwise.
  explicit FakeClock(service::Instant now = service::Instant(std::chrono::seconds(1767261600)))
      : now_(now) {}
  service::Instant Now() const override { return now_; }
  core::Result<core::LocalDateTime> ToLocal(service::Instant instant,
                                            const std::string& zone) const override;
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  service::Instant now_;
};

// Which calls of a port fail: the nth call (1-based) of a method fails with an error instead
// of reaching the wrapped implementation.
class FaultPlan {
 public:
  void FailCall(const std::string& method, int nth, core::Error error);
  // Counts a call of `method`; the error to return when this call is planned to fail.
  std::optional<core::Error> OnCall(const std::string& method);
  int calls(const std::string& method) const;

 private:
  struct Fault {
    std::string method;
    int nth;
    core::Error error;
  };
  std::vector<Fault> faults_;
  std::map<std::string, int> calls_;
};

class FaultyConversationStore : public service::ConversationStore {
 public:
  explicit FaultyConversationStore(service::ConversationStore& inner) : inner_(inner) {}
  // method: the name of any ConversationStore method, e.g. "CommitDecision".
  FaultPlan& plan() { return plan_; }

  core::Result<std::optional<service::InboundRecord>> FindInbound(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<service::ConversationRecord> AttachConversation(
      const service::InboundRecord& inbound) override;
  core::Result<service::ConversationRecord> LoadConversation(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Result<std::optional<std::vector<service::PendingSend>>> CommitDecision(
      const service::ConversationRecord& conversation, const service::Decision& decision) override;
  core::Result<std::vector<service::DueExpiry>> DueExpiries(service::Instant now,
                                                            int limit) override;
  core::Result<std::unique_ptr<service::CustomerLock>> LockCustomer(
      const std::string& tenant_id, const std::string& channel_id,
      const std::string& phone) override;
  core::Result<std::optional<service::LockedInbound>> LockCustomerOf(
      const std::string& tenant_id, const std::string& message_id) override;
  core::Result<std::vector<service::NewInboundMessage>> StaleUnprocessed(service::Instant before,
                                                                         int limit) override;
  core::Result<std::vector<service::PendingSend>> PendingSends(
      const std::string& tenant_id, const std::string& conversation_id) override;
  core::Status MarkSendAttempt(const service::PendingSend& send,
                               std::optional<service::Instant> at) override;
  core::Result<std::vector<service::ConversationRef>> StaleOutbox(service::Instant before,
                                                                  int limit) override;
  core::Status MarkSent(const service::PendingSend& send,
                        const std::string& provider_message_id) override;
  core::Status MarkSendFailed(const service::PendingSend& send, const std::string& error) override;

 private:
  service::ConversationStore& inner_;
  FaultPlan plan_;
};

class FaultyWebhookStore : public service::WebhookStore {
 public:
  explicit FaultyWebhookStore(service::WebhookStore& inner) : inner_(inner) {}
  // method: "PersistWebhook", "IsVerifyToken".
  FaultPlan& plan() { return plan_; }

  core::Result<service::IngestOutcome> PersistWebhook(const core::WebhookBatch& batch) override;
  core::Result<bool> IsVerifyToken(const std::string& token) override;

 private:
  service::WebhookStore& inner_;
  FaultPlan plan_;
};

}  // namespace orcazap::testing

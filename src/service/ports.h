#pragma once
// The ports the use cases need. Adapters implement them (PostgreSQL, Redis, Graph API);
// src/testing/ has in-memory fakes. Every method is thread-compatible: one instance per
// thread unless the implementation says otherwise.
//
// Invariants:
// 1. Every store method is one transaction: it happens entirely or not at all.
// 2. Every tenant-owned read or write is scoped by the tenant id it is given or that the row
//    it started from carries.
// 3. Failures the caller may retry are kTransient (connection lost, serialization failure);
//    a missing row the caller named is kNotFound.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/catalog_match.h"
#include "core/conversation.h"
#include "core/conversation_engine.h"
#include "core/extraction.h"
#include "core/pricing.h"
#include "core/result.h"
#include "core/text_data.h"
#include "core/texts.h"
#include "core/whatsapp.h"

namespace orcazap::service {

using Instant = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  // Wall-clock time of `instant` in an IANA time zone; kInvalidInput for an unknown zone.
  virtual core::Result<core::LocalDateTime> ToLocal(Instant instant,
                                                    const std::string& zone) const = 0;
};

// ---- Webhook ingestion ----

struct NewInboundMessage {
  std::string message_id;  // our id (uuid)
  std::string tenant_id;
};

struct IngestOutcome {
  std::vector<NewInboundMessage> new_messages;  // first time seen: to be enqueued
  int duplicate_messages = 0;                   // already stored (Meta retried)
  int statuses_recorded = 0;
  std::vector<std::string> unknown_phone_number_ids;  // no active channel: not stored
};

class WebhookStore {
 public:
  virtual ~WebhookStore() = default;
  // Persists every message and status of the batch, idempotently by provider_message_id,
  // in one transaction. A status also updates the outbound message it names, when stored.
  virtual core::Result<IngestOutcome> PersistWebhook(const core::WebhookBatch& batch) = 0;
  // Whether `token` is the webhook verify token of an active channel.
  virtual core::Result<bool> IsVerifyToken(const std::string& token) = 0;
};

// ---- Jobs ----

constexpr char kInboundJobKind[] = "inbound";  // process one inbound message
constexpr char kFlushJobKind[] = "flush";      // send a conversation's unsent replies

struct Job {
  std::string kind;  // kInboundJobKind or kFlushJobKind
  std::string tenant_id;
  // What the job is about: the inbound message ("inbound") or the conversation ("flush").
  // Queue entries carry it under the field name "message_id" whatever the kind, so that entries
  // queued by an earlier version stay readable.
  std::string subject_id;
  std::string request_id;  // the request that caused the job, for log correlation
};

// What a job's subject_id names, for logs and listings: "conversation" or "message".
inline const char* JobSubject(const Job& job) {
  return job.kind == kFlushJobKind ? "conversation" : "message";
}

class JobQueue {
 public:
  virtual ~JobQueue() = default;
  virtual core::Status Enqueue(const Job& job) = 0;
};

// ---- Tenants ----

// What the worker needs to know of a tenant to run its conversations.
struct TenantContext {
  std::string timezone = "America/Sao_Paulo";
  int quote_validity_hours = 24;
  std::string store_hours;  // shown in the approval-pending text; may be empty
  // Active items, freight rules, pricing rules, with their matcher; never null. Shared and
  // immutable: a store may hand the same one to every job until the catalog changes.
  std::shared_ptr<const core::PreparedCatalog> catalog =
      std::make_shared<const core::PreparedCatalog>();
  // The store's texts (core::TextsWithOverrides), parsed once per catalog version; never null,
  // shared and immutable like the catalog.
  std::shared_ptr<const core::Texts> texts = core::DefaultTexts();
};

// A tenant's settings as stored, with the version of its catalog, rules and texts (bumped by
// every change to them).
struct TenantSettings {
  std::string timezone;
  int quote_validity_hours = 24;
  std::string store_hours;
  int64_t catalog_version = 0;
};

class TenantStore {
 public:
  virtual ~TenantStore() = default;
  // The tenant as it is now: its settings are read, then its catalog of that version.
  // kPermanent when the tenant is not active.
  virtual core::Result<TenantContext> LoadTenant(const std::string& tenant_id) = 0;
  // The tenant with settings the caller has just read (ConversationStore::LockCustomerOf reads
  // them with the customer's lock): only the catalog and texts are looked up, those of
  // settings.catalog_version or newer.
  virtual core::Result<TenantContext> TenantWith(const std::string& tenant_id,
                                                 const TenantSettings& settings) = 0;
};

// ---- Conversations ----

struct InboundRecord {
  std::string message_id;
  std::string tenant_id;
  std::string channel_id;
  std::string from;  // customer phone digits
  std::string profile_name;
  std::string type;
  std::string text;
  std::optional<core::GeoPoint> location;
  bool processed = false;
  std::optional<std::string> conversation_id;  // set once attached
  std::optional<Instant> sent_at;              // WhatsApp's timestamp of the message
};

// A quote as stored: the priced quote and until when it holds.
struct StoredQuote {
  std::string id;
  core::Quote quote;
  Instant valid_until;
};

struct ConversationRecord {
  std::string id;
  std::string tenant_id;
  std::string contact_id;
  std::string channel_id;
  std::string customer_phone;
  std::string customer_name;  // the contact's WhatsApp profile name, may be empty
  core::ConversationState state = core::ConversationState::kInbound;
  core::Extraction captured;  // data captured so far in this cycle
  bool needs_human = false;
  std::optional<StoredQuote> open_quote;  // sent or pending approval
};

// A text to send, recorded before it is sent (outbox). `purpose_key` is unique per tenant:
// recording the same purpose twice yields the existing row, so a retried job never sends twice.
struct OutboundText {
  std::string purpose_key;  // e.g. "quote:<inbound message id>"
  std::string body;
};

struct NewQuote {
  core::Quote quote;
  Instant valid_until;
};

// What one turn changes, committed atomically (with the message marked processed when the turn
// answered one).
struct Decision {
  core::ConversationState expected_state;  // the state the decision was made from
  core::ConversationState new_state;
  core::Extraction captured;
  bool needs_human = false;
  std::vector<OutboundText> replies;
  std::optional<NewQuote> new_quote;  // stored as sent, or pending approval with its approval
  std::optional<core::QuoteOutcome> open_quote_outcome;  // applied to the open quote
  std::optional<std::string> processed_message_id;
  // The decision answers a message the customer sent at this instant: WhatsApp's customer service
  // window runs from it (a later message's, never an earlier one's).
  std::optional<Instant> customer_wrote_at;
  // When set, the replies this decision records are recorded as attempted at this instant,
  // durably with the decision (as MarkSendAttempt would): the caller sends them right after
  // without another write. Their PendingSend says so (`claimed`).
  std::optional<Instant> attempt_at;
};

struct PendingSend {
  std::string outbound_id;
  std::string tenant_id;
  std::string channel_id;
  std::string to;
  std::string body;
  // When an earlier attempt started sending it. Set means that attempt may have reached
  // WhatsApp without living to record it (the worker died mid-send).
  std::optional<Instant> attempted_at;
  // Recorded by the decision that returned it (Decision::attempt_at): attempted_at is this
  // caller's own mark, not an earlier attempt's, so it is sent without waiting or marking again.
  bool claimed = false;
  // The customer's last message is 24 hours old or more (or they never wrote), by the store's
  // clock when the outbox was read: WhatsApp's customer service window is closed, so free-form
  // text is not attempted (FlushOutbox records it failed).
  bool window_closed = false;
};

struct ConversationRef {
  std::string tenant_id;
  std::string conversation_id;
};

// Held while one customer's messages are processed; released on destruction.
class CustomerLock {
 public:
  virtual ~CustomerLock() = default;
  // Ids of that customer's inbound messages not yet processed when the lock was taken, in
  // arrival order.
  std::vector<std::string> backlog;
};

// An inbound message with its customer's lock held (ConversationStore::LockCustomerOf).
// Whether attaching `message` to `conversation`, the one it is linked to, would change nothing:
// the customer's name did not change (a message without a profile name keeps the known one).
inline bool AttachingChangesNothing(const InboundRecord& message,
                                    const ConversationRecord& conversation) {
  return message.profile_name.empty() || conversation.customer_name == message.profile_name;
}

struct LockedInbound {
  InboundRecord message;
  std::unique_ptr<CustomerLock> lock;
  // The conversation the message is linked to, with its open quote, read under the lock;
  // nullopt when the message is not linked to one yet (a new customer's first message).
  std::optional<ConversationRecord> conversation;
  // The tenant's settings, read under the lock (so after every change committed before the job
  // began); nullopt when not read or the tenant is not active (TenantStore::LoadTenant says which).
  std::optional<TenantSettings> tenant;
};

using DueExpiry = ConversationRef;  // a conversation whose open quote is past its validity

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;
  virtual core::Result<std::optional<InboundRecord>> FindInbound(const std::string& tenant_id,
                                                                 const std::string& message_id) = 0;
  // Upserts the contact (phone, profile name), gets or creates the tenant's conversation with
  // that contact on that channel and links the message to it.
  virtual core::Result<ConversationRecord> AttachConversation(const InboundRecord& inbound) = 0;
  virtual core::Result<ConversationRecord> LoadConversation(const std::string& tenant_id,
                                                            const std::string& conversation_id) = 0;
  // Applies the decision and records its replies in the outbox; a decision answering an inbound
  // message (processed_message_id) also records the customer's last inbound time. Returns the
  // conversation's outbox as the decision left it (what PendingSends would return next, with
  // the replies it recorded `claimed` when decision.attempt_at is set).
  // kConflict when the conversation is no longer in decision.expected_state. nullopt, and nothing
  // changed, when decision.processed_message_id was already processed (by another attempt).
  virtual core::Result<std::optional<std::vector<PendingSend>>> CommitDecision(
      const ConversationRecord& conversation, const Decision& decision) = 0;
  // Waits for, then holds, the exclusive lock on one customer's conversation on a channel, so
  // that its messages are processed one at a time whatever the number of workers; the lock
  // comes with the customer's backlog read under it.
  virtual core::Result<std::unique_ptr<CustomerLock>> LockCustomer(const std::string& tenant_id,
                                                                   const std::string& channel_id,
                                                                   const std::string& phone) = 0;
  // FindInbound and LockCustomer for the message's customer in one step: the message as read
  // just before the lock was granted (its `processed` flag may be stale; the backlog, read under
  // the lock, is not), the lock, and, as read under the lock, the conversation the message is
  // linked to (LoadConversation's) and the tenant's settings. nullopt, and no lock held, when the
  // tenant has no such inbound message.
  virtual core::Result<std::optional<LockedInbound>> LockCustomerOf(
      const std::string& tenant_id, const std::string& message_id) = 0;
  // Inbound messages stored before `before` and still unprocessed, any tenant (reconciliation).
  virtual core::Result<std::vector<NewInboundMessage>> StaleUnprocessed(Instant before,
                                                                        int limit) = 0;
  // Conversations whose open sent quote is past its validity at `now`.
  virtual core::Result<std::vector<DueExpiry>> DueExpiries(Instant now, int limit) = 0;
  // Outbound texts recorded for the conversation and not yet sent, oldest first.
  virtual core::Result<std::vector<PendingSend>> PendingSends(
      const std::string& tenant_id, const std::string& conversation_id) = 0;
  // Records, durably and before the request leaves, that an attempt to send starts at `at`;
  // with no `at`, that the last attempt certainly did not reach WhatsApp.
  virtual core::Status MarkSendAttempt(const PendingSend& send, std::optional<Instant> at) = 0;
  // Conversations with an outbound text recorded before `before` and still unsent, any tenant
  // (reconciliation of replies whose job was lost or dead-lettered).
  virtual core::Result<std::vector<ConversationRef>> StaleOutbox(Instant before, int limit) = 0;
  virtual core::Status MarkSent(const PendingSend& send,
                                const std::string& provider_message_id) = 0;
  virtual core::Status MarkSendFailed(const PendingSend& send, const std::string& error) = 0;
};

// ---- WhatsApp sending ----

class Messenger {
 public:
  virtual ~Messenger() = default;
  // Sends a free-form text on the tenant's channel. Returns the provider message id.
  // kTransient for rate limits and 5xx, kPermanent for errors a retry cannot fix; an error is
  // outcome_unknown() when WhatsApp may have accepted the message anyway (no answer came back).
  // `reference` (the outbox row's id) travels with the message and comes back in its status
  // webhooks (biz_opaque_callback_data), so a send whose answer was lost is still recognised.
  virtual core::Result<std::string> SendText(const std::string& tenant_id,
                                             const std::string& channel_id, const std::string& to,
                                             const std::string& body,
                                             const std::string& reference) = 0;
};

}  // namespace orcazap::service

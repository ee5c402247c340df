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
#include <optional>
#include <string>
#include <vector>

#include "core/conversation.h"
#include "core/result.h"
#include "core/whatsapp.h"

namespace orcazap::service {

using Instant = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

// ---- Webhook ingestion ----

struct NewInboundMessage {
  std::string message_id;  // our id (uuid)
  std::string tenant_id;
};

struct IngestOutcome {
  std::vector<NewInboundMessage> new_messages;  // first time seen: to be enqueued
  int duplicate_messages = 0;                    // already stored (Meta retried)
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

struct Job {
  std::string kind;        // "inbound"
  std::string tenant_id;
  std::string message_id;  // for "inbound": the inbound message to process
  std::string request_id;  // the request that caused the job, for log correlation
};

class JobQueue {
 public:
  virtual ~JobQueue() = default;
  virtual core::Status Enqueue(const Job& job) = 0;
};

// ---- Conversations ----

struct InboundRecord {
  std::string message_id;
  std::string tenant_id;
  std::string channel_id;
  std::string from;          // customer phone digits
  std::string profile_name;
  std::string type;
  std::string text;
  bool processed = false;
  std::optional<std::string> conversation_id;  // set once attached
};

struct ConversationRecord {
  std::string id;
  std::string tenant_id;
  std::string contact_id;
  std::string channel_id;
  core::ConversationState state = core::ConversationState::kInbound;
  std::string captured_json = "{}";  // data captured so far
  std::string customer_name;         // the contact's WhatsApp profile name, may be empty
};

// A text to send, recorded before it is sent (outbox). `purpose_key` is unique per tenant:
// recording the same purpose twice yields the existing row, so a retried job never sends twice.
struct OutboundText {
  std::string purpose_key;  // e.g. "prompt:<inbound message id>"
  std::string body;
};

// What one processed inbound message changes, committed atomically with marking it processed.
struct Decision {
  core::ConversationState expected_state;  // the state the decision was made from
  core::ConversationState new_state;
  std::string captured_json;
  bool needs_human = false;
  std::vector<OutboundText> replies;
};

struct PendingSend {
  std::string outbound_id;
  std::string tenant_id;
  std::string channel_id;
  std::string to;
  std::string body;
};

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;
  virtual core::Result<std::optional<InboundRecord>> FindInbound(const std::string& tenant_id,
                                                                 const std::string& message_id) = 0;
  // Upserts the contact (phone, profile name), gets or creates the tenant's conversation with
  // that contact on that channel, links the message to it and records the inbound time.
  virtual core::Result<ConversationRecord> AttachConversation(const InboundRecord& inbound) = 0;
  // Applies the decision, records its replies in the outbox and marks the message processed.
  // kConflict when the conversation is no longer in decision.expected_state. Ok and nothing
  // changed when the message was already processed (by another attempt).
  virtual core::Status CommitDecision(const InboundRecord& inbound,
                                      const ConversationRecord& conversation,
                                      const Decision& decision) = 0;
  // Outbound texts recorded for this inbound message's conversation and not yet sent.
  virtual core::Result<std::vector<PendingSend>> PendingSends(const std::string& tenant_id,
                                                              const std::string& conversation_id) = 0;
  virtual core::Status MarkSent(const PendingSend& send, const std::string& provider_message_id) = 0;
  virtual core::Status MarkSendFailed(const PendingSend& send, const std::string& error) = 0;
};

// ---- WhatsApp sending ----

class Messenger {
 public:
  virtual ~Messenger() = default;
  // Sends a free-form text on the tenant's channel. Returns the provider message id.
  // kTransient for rate limits and 5xx, kPermanent for errors a retry cannot fix.
  virtual core::Result<std::string> SendText(const std::string& tenant_id,
                                             const std::string& channel_id, const std::string& to,
                                             const std::string& body) = 0;
};

}  // namespace orcazap::service

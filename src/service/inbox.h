#pragma once
// The panel's conversations: the inbox ("needs a person" first), one conversation's thread,
// and a person's reply.
//
// Contract:
// 1. Every method is scoped by the tenant id it is given; another tenant's conversation reads
//    as absent.
// 2. A reply is accepted only within WhatsApp's customer-service window: 24 h after the
//    customer's last message (kWindowClosed otherwise, nothing recorded). It is 1..4096
//    characters. It is recorded in the outbox under "reply:<id>" with an audit row and the
//    "needs a person" flag cleared, in one transaction; then a flush job sends it.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "service/approval_ports.h"
#include "service/ports.h"

namespace orcazap::service {

struct InboxEntry {
  std::string conversation_id;
  std::string customer_phone;
  std::string customer_name;
  std::string state;  // the conversation state's name, e.g. "WAITING_REPLY"
  bool needs_human = false;
  std::string last_text;  // the last message, either way
  std::optional<Instant> last_inbound_at;
};

struct Thread {
  InboxEntry conversation;
  std::vector<TranscriptEntry> messages;  // oldest first
};

class InboxStore {
 public:
  virtual ~InboxStore() = default;
  virtual core::Result<std::vector<InboxEntry>> Inbox(const std::string& tenant_id, int limit) = 0;
  virtual core::Result<std::optional<Thread>> LoadThread(const std::string& tenant_id,
                                                         const std::string& conversation_id,
                                                         int last_messages) = 0;
  // Records the reply in the outbox under `purpose_key`, clears needs_human and writes the
  // audit row, in one transaction.
  virtual core::Status RecordReply(const std::string& tenant_id, const std::string& conversation_id,
                                   const std::string& user_id, const std::string& purpose_key,
                                   const std::string& text) = 0;
};

constexpr std::chrono::hours kCustomerServiceWindow{24};

// True while the tenant may send free text to the customer.
bool WindowOpen(const InboxEntry& conversation, Instant now);

enum class ReplyOutcome { kQueued, kWindowClosed, kEmpty, kTooLong, kNotFound };

struct ReplyPorts {
  InboxStore& inbox;
  JobQueue& jobs;
  const Clock& clock;
};

// `reply_id` makes the outbox key (a form submitted twice records one reply).
core::Result<ReplyOutcome> SendReply(const std::string& tenant_id,
                                     const std::string& conversation_id, const std::string& user_id,
                                     const std::string& reply_id, const std::string& text,
                                     const ReplyPorts& ports);

}  // namespace orcazap::service

#include "service/inbox.h"

#include "service/approvals.h"

namespace orcazap::service {
namespace {

size_t Utf8Length(const std::string& text) {
  size_t length = 0;
  for (char c : text) length += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return length;
}

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

bool WindowOpen(const InboxEntry& conversation, Instant now) {
  return conversation.last_inbound_at &&
         now - *conversation.last_inbound_at < kCustomerServiceWindow;
}

core::Result<ReplyOutcome> SendReply(const std::string& tenant_id,
                                     const std::string& conversation_id, const std::string& user_id,
                                     const std::string& reply_id, const std::string& text,
                                     const ReplyPorts& ports) {
  if (Blank(text)) return ReplyOutcome::kEmpty;
  if (Utf8Length(text) > 4096) return ReplyOutcome::kTooLong;
  auto thread = ports.inbox.LoadThread(tenant_id, conversation_id, 0);
  if (!thread) return thread.error();
  if (!*thread) return ReplyOutcome::kNotFound;
  if (!WindowOpen((*thread)->conversation, ports.clock.Now())) return ReplyOutcome::kWindowClosed;
  if (auto recorded =
          ports.inbox.RecordReply(tenant_id, conversation_id, user_id, "reply:" + reply_id, text);
      !recorded) {
    return recorded.error();
  }
  // The reply is recorded; if the job cannot be queued the outbox reconciliation sends it.
  (void)ports.jobs.Enqueue(FlushJob(tenant_id, conversation_id, ""));
  return ReplyOutcome::kQueued;
}

}  // namespace orcazap::service

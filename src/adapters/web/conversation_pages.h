#pragma once
// The panel's conversations: the inbox with "needs a person" first, one
// conversation's full thread, and a reply box that sends within WhatsApp's 24 h window and
// says why it cannot outside it (service/inbox.h).
//
// Routes (store host, logged in): GET /conversas, GET /conversas/{id},
// POST /conversas/{id}/responder (reply_id, text). Another tenant's conversation is 404.

#include <optional>

#include "adapters/web/page.h"
#include "service/inbox.h"

namespace orcazap::adapters::web {

class ConversationPages {
 public:
  explicit ConversationPages(service::ReplyPorts ports) : ports_(ports) {}
  std::optional<http::Response> Handle(const StoreRequest& request);

 private:
  http::Response Inbox(const StoreRequest& request);
  http::Response Show(const StoreRequest& request, const std::string& id,
                      const std::string& error = "", const std::string& notice = "",
                      int status = 200);
  http::Response Reply(const StoreRequest& request, const std::string& id);

  service::ReplyPorts ports_;
};

}  // namespace orcazap::adapters::web

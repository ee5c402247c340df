#pragma once
// service::Messenger over the WhatsApp Cloud (Graph) API:
// POST {base}/{version}/{phone_number_id}/messages with the channel's bearer token.
//
// Contract:
// 1. Error classes of the WhatsApp Cloud API: HTTP 429, 5xx, no answer, codes 4, 80007,
//    130429, 131056 ⇒ kTransient (retry with backoff); 131047 (24 h window), 190 (bad token)
//    and every other error ⇒ kPermanent. On 190 the channel is flagged needs_new_token.
// 2. A channel's phone number id and decrypted access token are kept for kChannelTtl, so a
//    change to the channel (new token, deactivation) reaches sends within that time. A token
//    answered with 190 is dropped at once: the channel is read again and, when its token changed
//    meanwhile, the send is tried once more with the new one (190 means nothing was sent); only
//    a token still current is flagged. The token is never logged.
// 3. Not thread-safe (one curl handle, the channel cache); one per worker thread.

#include <chrono>
#include <map>
#include <string>

#include "adapters/crypto/secret_box.h"
#include "adapters/http/client.h"
#include "adapters/postgres/connection.h"
#include "service/ports.h"

namespace orcazap::adapters::whatsapp {

struct GraphSettings {
  std::string base = "https://graph.facebook.com";
  std::string version = "v21.0";
  std::chrono::milliseconds timeout{10000};
};

// A send's answer: the provider message id, or the error (transient or permanent), with the code
// Meta's error object gave (0 when there was none). The classification, exposed for tests.
struct SendAnswer {
  core::Result<std::string> sent;
  int64_t graph_code = 0;
};
SendAnswer InterpretSendAnswer(long http_status, const std::string& body);

class GraphMessenger : public service::Messenger {
 public:
  static constexpr std::chrono::seconds kChannelTtl{30};

  GraphMessenger(GraphSettings settings, postgres::PgPool& pool, const crypto::SecretBox& box);
  core::Result<std::string> SendText(const std::string& tenant_id, const std::string& channel_id,
                                     const std::string& to, const std::string& body,
                                     const std::string& reference) override;

 private:
  struct Channel {
    std::string phone_number_id;
    std::string token;
    std::chrono::steady_clock::time_point read_at;
  };
  // The channel, from the cache while fresh, else from PostgreSQL.
  core::Result<Channel> FindChannel(const std::string& tenant_id, const std::string& channel_id);
  SendAnswer Send(const Channel& channel, const std::string& to, const std::string& body,
                  const std::string& reference);

  GraphSettings settings_;
  postgres::PgPool& pool_;
  const crypto::SecretBox& box_;
  http::Client client_;
  std::map<std::string, Channel> channels_;  // by tenant id + channel id
};

}  // namespace orcazap::adapters::whatsapp

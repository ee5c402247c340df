#pragma once
// The WhatsApp webhook endpoints, thin shells over service::IngestWebhook.
//   GET  /webhooks/whatsapp  subscription handshake: 200 + challenge, or 403
//   POST /webhooks/whatsapp  429 over the per-client rate (nothing read, Meta retries),
//                            401 bad signature (nothing stored), 400 not a webhook,
//                            200 once persisted, 503 when persisting failed (Meta retries)
// (413 for an oversized body is the server's, before this runs.)

#include <string>

#include "adapters/http/rate_limiter.h"
#include "adapters/http/server.h"
#include "service/ports.h"

namespace orcazap::adapters::http {

struct WebhookSettings {
  std::string app_secret;
  bool verify_signatures = true;
  double rate_per_second = 50;  // per client address
  double rate_burst = 200;
};

class WebhookRoutes {
 public:
  WebhookRoutes(WebhookSettings settings, service::WebhookStore& store, service::JobQueue& queue)
      : settings_(std::move(settings)),
        limiter_(settings_.rate_per_second, settings_.rate_burst),
        store_(store),
        queue_(queue) {}

  Response Verify(const Request& request) const;
  Response Receive(const Request& request);

 private:
  WebhookSettings settings_;
  RateLimiter limiter_;
  service::WebhookStore& store_;
  service::JobQueue& queue_;
};

}  // namespace orcazap::adapters::http

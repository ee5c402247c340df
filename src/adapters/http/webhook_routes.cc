#include "adapters/http/webhook_routes.h"

#include "adapters/http/router.h"
#include "adapters/log/log.h"
#include "adapters/whatsapp/signature.h"
#include "adapters/whatsapp/webhook_parser.h"
#include "service/ingest_webhook.h"

namespace orcazap::adapters::http {

Response WebhookRoutes::Verify(const Request& request) const {
  const std::string token(request.Query("hub.verify_token"));
  if (request.Query("hub.mode") != "subscribe" || token.empty()) {
    return Response::Text(403, "forbidden\n");
  }
  auto known = store_.IsVerifyToken(token);
  if (!known) {
    log::Error("webhook verification could not check the token",
               {{"error", known.error().ToString()}});
    return Response::Text(503, "unavailable\n");
  }
  if (!*known) {
    log::Warn("webhook verification with an unknown verify token");
    return Response::Text(403, "forbidden\n");
  }
  log::Info("webhook verified");
  return Response::Text(200, std::string(request.Query("hub.challenge")));
}

Response WebhookRoutes::Receive(const Request& request) {
  const std::string client = ClientAddress(request);
  if (!limiter_.Allow(client)) {
    log::Warn("webhook rate limited", {{"client", client}});
    Response response = Response::Text(429, "too many requests\n");
    response.headers.emplace_back("Retry-After",
                                  std::to_string(limiter_.RetryAfterSeconds(client)));
    return response;
  }
  if (settings_.verify_signatures &&
      !whatsapp::VerifySignature(settings_.app_secret, request.body,
                                 request.Header("x-hub-signature-256"))) {
    log::Warn("webhook rejected: missing or wrong signature", {{"remote_ip", request.remote_ip}});
    return Response::Text(401, "invalid signature\n");
  }
  auto batch = whatsapp::ParseWebhook(request.body);
  if (!batch) {
    log::Warn("webhook rejected: not a webhook body", {{"error", batch.error().message()}});
    return Response::Text(400, "not a WhatsApp webhook: " + batch.error().message() + "\n");
  }
  auto report = service::IngestWebhook(*batch, log::CurrentRequestId(), store_, queue_);
  if (!report) {
    log::Error("webhook not persisted", {{"error", report.error().ToString()}});
    return Response::Text(503, "temporarily unavailable\n");
  }
  const auto& outcome = report->outcome;
  for (const auto& unknown : outcome.unknown_phone_number_ids) {
    log::Warn("webhook for an unknown phone_number_id; ignored", {{"phone_number_id", unknown}});
  }
  // One line per webhook: the ids of the messages it stored (nearly always one) and their
  // stores, so that a message is found from its id or its request id.
  std::string message_ids;
  std::string tenant_ids;
  for (const auto& message : outcome.new_messages) {
    if (!message_ids.empty()) message_ids += ',';
    message_ids += message.message_id;
    if (tenant_ids.find(message.tenant_id) == std::string::npos) {
      if (!tenant_ids.empty()) tenant_ids += ',';
      tenant_ids += message.tenant_id;
    }
  }
  log::Info("webhook persisted", {{"message_ids", message_ids},
                                  {"tenant_ids", tenant_ids},
                                  {"new_messages", std::to_string(outcome.new_messages.size())},
                                  {"duplicates", std::to_string(outcome.duplicate_messages)},
                                  {"statuses", std::to_string(outcome.statuses_recorded)},
                                  {"enqueued", std::to_string(report->enqueued)},
                                  {"enqueue_failures", std::to_string(report->enqueue_failures)}});
  return Response::Text(200, "ok\n");
}

}  // namespace orcazap::adapters::http

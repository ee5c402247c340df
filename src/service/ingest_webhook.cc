#include "service/ingest_webhook.h"

namespace orcazap::service {

core::Result<IngestReport> IngestWebhook(const core::WebhookBatch& batch,
                                         const std::string& request_id, WebhookStore& store,
                                         JobQueue& queue) {
  auto persisted = store.PersistWebhook(batch);
  if (!persisted) return persisted.error();
  IngestReport report{std::move(persisted).value()};
  for (const auto& message : report.outcome.new_messages) {
    const Job job{kInboundJobKind, message.tenant_id, message.message_id, request_id};
    if (queue.Enqueue(job)) {
      ++report.enqueued;
    } else {
      ++report.enqueue_failures;
    }
  }
  return report;
}

}  // namespace orcazap::service

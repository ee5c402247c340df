#pragma once
// Use case: a verified, parsed webhook arrives. Persist everything, then enqueue each new
// inbound message for the worker.

#include <string>

#include "core/result.h"
#include "service/ports.h"

namespace orcazap::service {

struct IngestReport {
  IngestOutcome outcome;
  int enqueued = 0;
  int enqueue_failures = 0;  // persisted but not queued: reconciliation picks them up
};

// Fails only when persisting failed (the webhook answers 5xx so that Meta retries).
// An enqueue failure is not a failure: the message is safely stored.
core::Result<IngestReport> IngestWebhook(const core::WebhookBatch& batch,
                                         const std::string& request_id, WebhookStore& store,
                                         JobQueue& queue);

}  // namespace orcazap::service

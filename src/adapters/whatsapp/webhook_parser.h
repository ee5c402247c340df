#pragma once
// Parses a WhatsApp Cloud API webhook body into core::WebhookBatch.
// Pure: no I/O. kInvalidInput, with what was wrong and where, for anything that is not a
// webhook (not JSON, wrong `object`, `entry` missing or not a list, a message without id/from).
// Unknown message types are kept (type as sent, no text) so they can be answered politely.

#include <string_view>

#include "core/result.h"
#include "core/whatsapp.h"

namespace orcazap::adapters::whatsapp {

core::Result<core::WebhookBatch> ParseWebhook(std::string_view body);

}  // namespace orcazap::adapters::whatsapp

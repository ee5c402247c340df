#pragma once
// Webhook signatures: X-Hub-Signature-256 = "sha256=" + hex(HMAC-SHA256(app secret, raw body)).

#include <string>
#include <string_view>

namespace orcazap::adapters::whatsapp {

// "sha256=<64 lowercase hex>" for the body.
std::string SignBody(std::string_view app_secret, std::string_view body);
// Constant-time check of a header value against the body; false for any malformed header.
bool VerifySignature(std::string_view app_secret, std::string_view body, std::string_view header);

}  // namespace orcazap::adapters::whatsapp

#pragma once
// Customer-facing texts in pt-BR (SPEC section 6).

#include <string>

namespace orcazap::core {

// The data-capture prompt: greets (by name when known) and lists the four things a quote needs
// with an example.
std::string RenderCapturePrompt(const std::string& customer_name);

}  // namespace orcazap::core

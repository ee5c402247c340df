#pragma once
// Customer-facing texts in pt-BR: one template per key, with defaults written here and
// per-tenant overrides (the `message_templates` table) validated before use.
//
// Variables per key (every key also has `customer_name`, empty when unknown). Values are
// ready-to-show pt-BR strings built by core/text_data.h; sections over plain variables show
// when the value is not empty.
//   capture_prompt    —
//   missing_data      understood ("sim" when anything was understood), location, payment,
//                     delivery, unknown ("x, y e z"), unknown_items (the unknown_items text
//                     for them, MissingDataTextData; empty when none);
//                     lists items {quantity, unit, name} (those with a quantity), missing {what}
//                     (one row per missing field, and one per item still without a quantity)
//   quote             subtotal, volume_discount (empty when none), freight ("R$ 30,00",
//                     "grátis" or "a combinar"), payment, payment_discount (empty when none),
//                     payment_discount_pct ("5%"), total, delivery ("sexta-feira, 15/01/2027"
//                     or "o quanto antes"), location, valid_until ("16/01/2027 14:30");
//                     list lines {name, quantity, unit, unit_price, line_total}
//   approval_pending  store_hours, unknown ("x, y e z": items not found, may be empty)
//   confirmation      total, payment, delivery, location; list lines (as in quote)
//   decline           —
//   quote_expired     valid_until
//   unknown_items     unknown ("x, y e z")
//   send_as_text      —
//   ask_for_cep       location (what the customer sent, may be empty)
//
// Rendering drops trailing spaces and newlines, so templates may end with a line break.

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/template.h"

namespace orcazap::core {

enum class TextKey {
  kCapturePrompt,
  kMissingData,
  kQuote,
  kApprovalPending,
  kConfirmation,
  kDecline,
  kQuoteExpired,
  kUnknownItems,
  kSendAsText,
  kAskForCep,
};
inline constexpr int kTextKeyCount = 10;

// Stable names used in `message_templates`: "capture_prompt", "missing_data", "quote",
// "approval_pending", "confirmation", "decline", "quote_expired", "unknown_items",
// "send_as_text", "ask_for_cep".
const char* TextKeyName(TextKey key);
std::optional<TextKey> ParseTextKey(std::string_view name);

const TemplateSchema& TextSchema(TextKey key);
std::string_view DefaultText(TextKey key);

// Validates `text` as the template for `key`; errors start with "text <name>: ".
Result<Template> ParseText(TextKey key, std::string_view text);

// The texts one tenant uses. A value; copying is cheap enough for per-job use.
class Texts {
 public:
  Texts();  // every key with its default text

  // Installs a tenant's override for `key`. On error nothing changes.
  Status Override(TextKey key, std::string_view text);

  std::string Render(TextKey key, const TemplateData& data) const;

 private:
  std::array<std::optional<Template>, kTextKeyCount> templates_;
};

// The defaults with a store's overrides (key name, template) installed; an override whose key is
// unknown or whose template does not parse is skipped (the panel validates them when saved).
Texts TextsWithOverrides(const std::vector<std::pair<std::string, std::string>>& overrides);

// The defaults, parsed once and shared (immutable, so safe to read from any thread).
const std::shared_ptr<const Texts>& DefaultTexts();

// The default data-capture prompt, greeting the customer by name when known.
std::string RenderCapturePrompt(const std::string& customer_name);

}  // namespace orcazap::core

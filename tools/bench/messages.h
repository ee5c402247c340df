#pragma once
// What the benchmarks say as customers of the demo store (`orcazap seed`): webhook bodies of
// one text message each, the texts, and how a quote is recognised among the replies.

#include <cstdint>
#include <string>
#include <string_view>

namespace orcazap::bench {

constexpr char kDemoPhoneNumberId[] = "106540352242922";

// A complete order: items, place, day and payment in one message, within the demo store's
// approval limit, so the store answers it with a quote at once. `variant` picks one of a few
// wordings (any int).
std::string_view CompleteOrder(int variant);

// Declines an open quote, which ends the cycle: the customer's next order gets a new quote.
constexpr char kDecline[] = "não, obrigado";

// A customer's WhatsApp number: "55", then `tag` (5 digits: one per run, so runs do not share
// customers), then `index` (6 digits).
std::string CustomerPhone(int tag, int index);

// A random run tag for CustomerPhone and message ids.
int RandomTag();

// A webhook body with one text message to the demo store, as Meta sends it.
std::string TextWebhook(const std::string& from, std::string_view text,
                        const std::string& message_id, int64_t unix_seconds);

// Whether a reply the store sent is a quote (the default "quote" text of core/texts.cc).
bool IsQuote(std::string_view body);

}  // namespace orcazap::bench

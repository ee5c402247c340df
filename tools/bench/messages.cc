#include "tools/bench/messages.h"

#include <cstdio>
#include <random>

namespace orcazap::bench {
namespace {

constexpr std::string_view kOrders[] = {
    "Bom dia! Quero 10 sacos de cimento e 2 metros de areia, entrega no Centro amanhã, pago no "
    "pix",
    "quero 5 sacos de argamassa e 3 sacos de cal, entrega na Vila Mariana amanhã, pagamento no "
    "cartão",
    "preciso de 500 tijolos e 1 metro de brita, entrega no Jardim América amanhã, pago no boleto",
    "oi, 20 sacos de cimento e 3 m de areia, entregar amanhã no cep 01310-100, pix",
};

// The texts above and the digits of numbers and ids need no escaping; this keeps a body valid
// JSON should a caller pass anything else.
void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string_view CompleteOrder(int variant) {
  constexpr int kCount = sizeof kOrders / sizeof kOrders[0];
  return kOrders[((variant % kCount) + kCount) % kCount];
}

std::string CustomerPhone(int tag, int index) {
  char phone[24];
  std::snprintf(phone, sizeof phone, "55%05d%06d", tag % 100000, index % 1000000);
  return phone;
}

int RandomTag() {
  std::random_device random;
  return static_cast<int>(random() % 100000);
}

std::string TextWebhook(const std::string& from, std::string_view text,
                        const std::string& message_id, int64_t unix_seconds) {
  std::string body;
  body.reserve(640 + text.size());
  body += R"({"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[)"
          R"({"field":"messages","value":{"messaging_product":"whatsapp","metadata":)"
          R"({"display_phone_number":"551140028922","phone_number_id":")";
  body += kDemoPhoneNumberId;
  body += R"("},"contacts":[{"profile":{"name":"Cliente )";
  body += from.substr(from.size() > 4 ? from.size() - 4 : 0);
  body += R"("},"wa_id":)";
  AppendJsonString(body, from);
  body += R"(}],"messages":[{"from":)";
  AppendJsonString(body, from);
  body += R"(,"id":)";
  AppendJsonString(body, message_id);
  body += R"(,"timestamp":")";
  body += std::to_string(unix_seconds);
  body += R"(","type":"text","text":{"body":)";
  AppendJsonString(body, text);
  body += "}}]}}]}]}";
  return body;
}

bool IsQuote(std::string_view body) { return body.starts_with("*Orçamento*"); }

}  // namespace orcazap::bench

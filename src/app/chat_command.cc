// orcazap chat: play the customer against a running serve + worker + Graph stand-in.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "adapters/http/client.h"
#include "adapters/log/log.h"
#include "adapters/whatsapp/signature.h"
#include "app/commands.h"
#include "app/config.h"

namespace orcazap::app {
namespace {

using nlohmann::json;

struct ChatOptions {
  std::string serve_url = "http://127.0.0.1:18080";
  std::string standin_url = "http://127.0.0.1:18090";
  std::string phone = "5511987654321";
  std::string name = "Cliente Teste";
  std::string phone_number_id = "106540352242922";
  int reply_wait_ms = 8000;
};

std::string WebhookBody(const ChatOptions& options, const std::string& text) {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  const json message = {{"from", options.phone},
                        {"id", "wamid.chat." + std::to_string(micros)},
                        {"timestamp", std::to_string(seconds)},
                        {"type", "text"},
                        {"text", {{"body", text}}}};
  const json value = {
      {"messaging_product", "whatsapp"},
      {"metadata",
       {{"display_phone_number", "551140028922"}, {"phone_number_id", options.phone_number_id}}},
      {"contacts",
       json::array({{{"profile", {{"name", options.name}}}, {"wa_id", options.phone}}})},
      {"messages", json::array({message})}};
  return json{
      {"object", "whatsapp_business_account"},
      {"entry",
       json::array({{{"id", "102290129340398"},
                     {"changes", json::array({{{"field", "messages"}, {"value", value}}})}}})}}
      .dump();
}

// Prints replies addressed to the customer after `after_seq`; returns the last seq seen.
long PrintReplies(adapters::http::Client& client, const ChatOptions& options, long after_seq,
                  int wait_ms) {
  const std::string url = options.standin_url + "/_standin/messages?to=" + options.phone +
                          "&after_seq=" + std::to_string(after_seq) +
                          "&wait_ms=" + std::to_string(wait_ms);
  auto response = client.Get(url);
  if (!response || response->status != 200) {
    std::cout << "(could not read replies from the WhatsApp stand-in at " << options.standin_url
              << ")\n";
    return after_seq;
  }
  const json answer = json::parse(response->body, nullptr, false);
  if (answer.is_discarded()) return after_seq;
  for (const json& message : answer.value("messages", json::array())) {
    after_seq = std::max(after_seq, message.value("seq", after_seq));
    std::cout << "\n\033[32mloja>\033[0m " << message.value("body", "") << "\n";
  }
  return after_seq;
}

long LastSeq(adapters::http::Client& client, const ChatOptions& options) {
  auto response = client.Get(options.standin_url + "/_standin/messages?to=" + options.phone);
  if (!response || response->status != 200) return 0;
  const json answer = json::parse(response->body, nullptr, false);
  long last = 0;
  if (answer.is_discarded()) return 0;
  for (const json& message : answer.value("messages", json::array())) {
    last = std::max(last, message.value("seq", 0L));
  }
  return last;
}

}  // namespace

int RunChat(int argc, char** argv) {
  ChatOptions options;
  CLI::App cli(
      "Play the customer: each line you type is sent to OrcaZap as a signed WhatsApp "
      "webhook; the store's replies are read from the Graph API stand-in.",
      "orcazap chat");
  cli.add_option("--serve", options.serve_url, "orcazap serve base URL")->capture_default_str();
  cli.add_option("--standin", options.standin_url, "Graph API stand-in base URL")
      ->capture_default_str();
  cli.add_option("--phone", options.phone, "your customer phone (digits)")->capture_default_str();
  cli.add_option("--name", options.name, "your WhatsApp profile name")->capture_default_str();
  cli.add_option("--phone-number-id", options.phone_number_id, "the store's phone_number_id")
      ->capture_default_str();
  cli.footer("Signs with WHATSAPP_APP_SECRET.");
  CLI11_PARSE(cli, argc, argv);
  auto config = LoadConfig(ProcessEnv(), Needs::kWebhook);
  if (!config) {
    std::cerr << "orcazap chat: " << config.error().message() << "\n";
    return 2;
  }

  adapters::http::Client client(std::chrono::milliseconds(options.reply_wait_ms + 5000));
  long seq = LastSeq(client, options);
  std::cout << "You are " << options.name << " (+" << options.phone
            << "). Type a message and press Enter; Ctrl-D to leave.\n";
  std::string line;
  while (std::cout << "\n\033[36mvocê>\033[0m " << std::flush, std::getline(std::cin, line)) {
    if (line.empty()) continue;
    const std::string body = WebhookBody(options, line);
    auto response = client.Send(
        "POST", options.serve_url + "/webhooks/whatsapp",
        {{"Content-Type", "application/json"},
         {"X-Hub-Signature-256", adapters::whatsapp::SignBody(config->app_secret, body)},
         {"X-Request-Id", "chat-" + adapters::log::NewRequestId()}},
        body);
    if (!response || response->status != 200) {
      std::cout << "(OrcaZap did not accept the message: "
                << (response ? std::to_string(response->status) + " " + response->body
                             : response.error().message())
                << ")\n";
      continue;
    }
    seq = PrintReplies(client, options, seq, options.reply_wait_ms);
    seq = PrintReplies(client, options, seq, 700);  // a reply may come in several messages
  }
  std::cout << "\n";
  return 0;
}

}  // namespace orcazap::app

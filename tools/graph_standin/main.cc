// orcazap-graph-standin: a local stand-in for the WhatsApp Graph API (see
// adapters/http/graph_standin.h for its routes), used as GRAPH_API_BASE by tests and development.
//
//   orcazap-graph-standin --listen 127.0.0.1:0 --port-file /tmp/standin.port [--quiet]
//                         [--status-webhook http://127.0.0.1:8000/webhooks/whatsapp]
//
// With --status-webhook, every recorded message is reported back like Meta does ("sent" and
// "delivered" statuses, signed with the app secret read from WHATSAPP_APP_SECRET).
//
// Prints "listening on HOST:PORT" once bound; SIGINT/SIGTERM stop it gracefully (exit 0).
#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "adapters/http/graph_standin.h"
#include "adapters/http/server.h"
#include "adapters/http/status_webhook_reporter.h"

namespace {

namespace http = orcazap::adapters::http;

// "127.0.0.1:8090", "[::1]:8090" or "localhost:0" -> host and port.
std::pair<std::string, uint16_t> ParseListen(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw std::invalid_argument("--listen wants HOST:PORT, got \"" + text + "\"");
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  std::string port_text = text.substr(colon + 1);
  size_t used = 0;
  unsigned long port = 0;
  try {
    port = std::stoul(port_text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (port_text.empty() || used != port_text.size() || port > 65535) {
    throw std::invalid_argument("--listen: bad port in \"" + text + "\"");
  }
  return {host, static_cast<uint16_t>(port)};
}

// Written under a temporary name and renamed, so a script polling for it never reads half.
void WritePortFile(const std::string& path, uint16_t port) {
  std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out) throw std::runtime_error("cannot write " + temporary);
  }
  std::filesystem::rename(temporary, path);
}

void PrintLine(const std::string& line) {
  static std::mutex mu;  // guards stdout, so lines from I/O threads do not interleave
  std::lock_guard lock(mu);
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

int Serve(const std::string& listen, const std::string& port_file, bool quiet,
          const std::string& status_webhook) {
  auto [host, port] = ParseListen(listen);
  std::optional<http::StatusWebhookSettings> reporting;
  if (!status_webhook.empty()) {
    const char* secret = std::getenv("WHATSAPP_APP_SECRET");
    if (secret == nullptr || *secret == '\0') {
      throw std::invalid_argument("--status-webhook needs WHATSAPP_APP_SECRET in the environment");
    }
    if (!status_webhook.starts_with("http://") && !status_webhook.starts_with("https://")) {
      throw std::invalid_argument("--status-webhook wants an http(s) URL, got \"" + status_webhook +
                                  "\"");
    }
    reporting = http::StatusWebhookSettings{status_webhook, secret};
  }
  // Blocked before any thread starts, so every thread inherits the mask and only the waiter
  // below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // Ids carry this run's start time: the database of scripts/run outlives the stand-in, and an
  // id it already holds would be refused when a reply is marked sent.
  const auto started_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  http::GraphStandin standin(quiet ? std::function<void(const std::string&)>() : PrintLine, {},
                             "wamid.standin." + std::to_string(started_ms) + ".");
  std::optional<http::StatusWebhookReporter> reporter;
  if (reporting) {
    reporter.emplace(*reporting, PrintLine);
    standin.OnRecorded(
        [&reporter](const http::StandinMessage& message) { reporter->Report(message); });
  }
  http::ServerSettings settings;
  settings.host = host;
  settings.port = port;
  settings.threads = 8;  // long polls and injected delays each hold one
  settings.stop_timeout = std::chrono::milliseconds(3000);
  http::Server server(settings,
                      [&standin](const http::Request& request) { return standin.Handle(request); });
  std::string bound = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                      std::to_string(server.port());
  if (!port_file.empty()) WritePortFile(port_file, server.port());
  PrintLine("listening on " + bound);

  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    standin.Shutdown();
    server.Stop();
  });
  server.Run();
  waiter.join();
  if (!quiet) PrintLine("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Local stand-in for the WhatsApp Graph API (tests and development)"};
  std::string listen = "127.0.0.1:0";
  std::string port_file;
  bool quiet = false;
  app.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--port-file", port_file, "write the bound port to this file once listening");
  app.add_flag("--quiet", quiet, "do not log each send");
  std::string status_webhook;
  app.add_option("--status-webhook", status_webhook,
                 "post signed status webhooks for every recorded message to this URL");
  CLI11_PARSE(app, argc, argv);
  try {
    return Serve(listen, port_file, quiet, status_webhook);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "orcazap-graph-standin: %s\n", e.what());
    return 1;
  }
}

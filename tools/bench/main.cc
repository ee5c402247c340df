// orcazap-bench: load generators and probes for bench/run (see bench/README.md).
#include <cstdio>
#include <string>

#include "tools/bench/commands.h"

namespace {

using orcazap::bench::Command;

constexpr Command kCommands[] = {
    {"ingest", "post distinct signed webhooks for a while: requests/s, p50/p99 latency",
     orcazap::bench::RunIngest},
    {"e2e", "post complete orders as fast as accepted, wait for every quote: quotes/s",
     orcazap::bench::RunEndToEnd},
    {"latency", "post orders at a fixed rate: p50/p99 from webhook POST to the quote",
     orcazap::bench::RunLatency},
    {"ready", "run a command with NOTIFY_SOCKET: time from exec to READY=1",
     orcazap::bench::RunReady},
    {"extract", "in-process extraction, pricing and reply text over a corpus: messages/s",
     orcazap::bench::RunExtract},
};

void PrintUsage(std::FILE* out) {
  std::fprintf(out, "Usage: orcazap-bench <command> [options]   (<command> --help for options)\n");
  std::fprintf(out, "Each command prints one JSON line of figures.\n\nCommands:\n");
  for (const auto& command : kCommands)
    std::fprintf(out, "  %-8s %s\n", command.name, command.help);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintUsage(stderr);
    return 2;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    PrintUsage(stdout);
    return 0;
  }
  for (const auto& command : kCommands) {
    if (name == command.name) {
      std::string full_name = std::string("orcazap-bench ") + command.name;
      argv[1] = full_name.data();
      return command.run(argc - 1, argv + 1);
    }
  }
  std::fprintf(stderr, "orcazap-bench: unknown command '%s'\n\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}

// orcazap: one binary, subcommands as a table (app/commands.cc).
#include <cstdio>
#include <cstring>
#include <string>

#include "app/commands.h"

namespace {

void PrintUsage(std::FILE* out) {
  std::fprintf(
      out, "Usage: orcazap <command> [options]   (orcazap <command> --help for its options)\n\n");
  std::fprintf(out, "Commands:\n");
  for (const auto& command : orcazap::app::Commands()) {
    std::fprintf(out, "  %-10s %s\n", command.name, command.help);
  }
  std::fprintf(
      out, "\nConfiguration comes from environment variables: orcazap serve --help lists them.\n");
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
  if (name == "--version") return orcazap::app::RunVersion(0, nullptr);
  for (const auto& command : orcazap::app::Commands()) {
    if (name == command.name) {
      std::string full_name = std::string("orcazap ") + command.name;
      argv[1] = full_name.data();
      return command.run(argc - 1, argv + 1);
    }
  }
  std::fprintf(stderr, "orcazap: unknown command '%s'\n\n", name.c_str());
  PrintUsage(stderr);
  return 2;
}

#pragma once
// The subcommands of the one `orcazap` binary, as a table (name, help, function).
// Each function receives the arguments after the subcommand name (argv[0] is the
// subcommand's full name, e.g. "orcazap serve") and returns the process exit status:
// 0 success, 1 failure at run time, 2 bad usage or bad input.

#include <span>

namespace orcazap::app {

struct Command {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

std::span<const Command> Commands();

int RunServe(int argc, char** argv);
int RunWorker(int argc, char** argv);
int RunMigrate(int argc, char** argv);
int RunSeed(int argc, char** argv);
int RunChat(int argc, char** argv);
int RunParse(int argc, char** argv);
int RunCatalog(int argc, char** argv);
int RunFreight(int argc, char** argv);
int RunRules(int argc, char** argv);
int RunTexts(int argc, char** argv);
int RunQueue(int argc, char** argv);
int RunApprovals(int argc, char** argv);
int RunVersion(int argc, char** argv);

}  // namespace orcazap::app

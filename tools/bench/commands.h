#pragma once
// The subcommands of orcazap-bench. Each prints one JSON line of figures on stdout and returns
// the exit status: 0 measured, 1 the measurement is incomplete or failed, 2 bad usage.

namespace orcazap::bench {

struct Command {
  const char* name;
  const char* help;
  int (*run)(int argc, char** argv);
};

int RunIngest(int argc, char** argv);
int RunEndToEnd(int argc, char** argv);
int RunLatency(int argc, char** argv);
int RunReady(int argc, char** argv);
int RunExtract(int argc, char** argv);

}  // namespace orcazap::bench

#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunSeed(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap seed: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

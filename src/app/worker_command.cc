#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunWorker(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap worker: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

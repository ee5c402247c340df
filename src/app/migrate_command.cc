#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunMigrate(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap migrate: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

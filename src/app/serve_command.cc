#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunServe(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap serve: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

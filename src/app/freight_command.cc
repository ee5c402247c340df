#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunFreight(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap freight: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

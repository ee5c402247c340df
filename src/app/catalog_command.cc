#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunCatalog(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap catalog: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

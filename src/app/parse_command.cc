#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunParse(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap parse: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

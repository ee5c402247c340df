#include <cstdio>

#include "app/commands.h"

namespace orcazap::app {

int RunChat(int /*argc*/, char** /*argv*/) {
  std::fprintf(stderr, "orcazap chat: not available in this build\n");
  return 1;
}

}  // namespace orcazap::app

#include "app/commands.h"

#include <cstdio>

namespace orcazap::app {

namespace {
constexpr Command kCommands[] = {
    {"serve", "HTTP server: WhatsApp webhooks, health, readiness and the admin panel", RunServe},
    {"worker", "consume jobs: process inbound messages, send replies, periodic jobs", RunWorker},
    {"migrate",
     "database schema: `migrate up` applies pending migrations, `migrate status` lists them",
     RunMigrate},
    {"seed", "create the demo store (tenant, channel, catalog, rules, owner login)", RunSeed},
    {"chat", "play the customer: type messages, read the store's replies (development)", RunChat},
    {"parse", "offline: read one customer message on stdin, print what OrcaZap understands",
     RunParse},
    {"catalog", "import or export a tenant's catalog as CSV", RunCatalog},
    {"freight", "import or export a tenant's freight rules as CSV", RunFreight},
    {"rules", "import or export a tenant's pricing rules and volume discounts as JSON", RunRules},
    {"texts", "list, show, validate and set, reset or preview a tenant's customer texts", RunTexts},
    {"approvals", "quotes that need a person: list, show, approve (maybe edited) or reject",
     RunApprovals},
    {"queue", "the job queue: stats, dead-letter jobs, retry, purge", RunQueue},
    {"version", "print the version", RunVersion},
};
}  // namespace

std::span<const Command> Commands() { return kCommands; }

int RunVersion(int /*argc*/, char** /*argv*/) {
  std::printf("orcazap %s\n", ORCAZAP_VERSION);
  return 0;
}

}  // namespace orcazap::app

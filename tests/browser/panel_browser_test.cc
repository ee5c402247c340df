// The admin panel in a real browser: each test starts a stack (serve, worker, Graph stand-in,
// PostgreSQL, Redis) with the panel on `localhost`, then runs one flow script,
// `node tests/browser/<flow>.mjs`, in headless Chromium (tests/browser/lib/flow.mjs).
// Screenshots go to $ARTIFACTS_DIR/<flow>/ (default <build>/artifacts/browser/<flow>/).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "adapters/crypto/secret_box.h"
#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

constexpr char kBrowserDir[] = ORCAZAP_SOURCE_DIR "/tests/browser";
constexpr char kNodeDir[] = ORCAZAP_BINARY_DIR "/browser-node";
constexpr auto kFlowTimeout = std::chrono::seconds(180);

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// http://localhost:PORT for the stack's serve: the apex host; stores are <slug>.localhost:PORT.
std::string ApexUrl(const Stack& stack) {
  const std::string url = stack.serve_url();
  return "http://localhost" + url.substr(url.rfind(':'));
}

// Installs playwright-core (a no-op when the lock file is unchanged; scripts/test did it first).
void InstallNodeModules() {
  const RunResult result =
      RunCommand({std::string(kBrowserDir) + "/install", kNodeDir}, {}, std::chrono::seconds(180));
  ASSERT_EQ(result.status, 0) << "tests/browser/install failed:\n" << result.output;
}

// Runs tests/browser/<flow>.mjs against `stack` with `env` added; returns its exit status and
// output.
RunResult RunFlow(const Stack& stack, const std::string& flow,
                  const std::map<std::string, std::string>& env = {}) {
  const std::filesystem::path artifacts =
      std::filesystem::path(EnvOr("ARTIFACTS_DIR", ORCAZAP_BINARY_DIR "/artifacts/browser")) / flow;
  std::filesystem::remove_all(artifacts);
  std::filesystem::create_directories(artifacts);
  std::map<std::string, std::string> flow_env = {
      {"BASE_URL", ApexUrl(stack)},
      {"STANDIN_URL", stack.standin_url()},
      {"CHROMIUM", EnvOr("CHROMIUM", "/usr/bin/chromium")},
      {"NODE_PATH", std::string(kNodeDir) + "/node_modules"},
      {"ARTIFACTS_DIR", artifacts.string()}};
  for (const auto& [key, value] : env) flow_env[key] = value;

  // On a timeout node is killed; Chromium (its own process group) exits when its pipe closes.
  RunResult result =
      RunCommand({"node", std::string(kBrowserDir) + "/" + flow + ".mjs"}, flow_env, kFlowTimeout);
  if (result.status == -1000) result.output.insert(0, "the flow timed out\n");
  return result;
}

std::string ServeLogTail(Stack& stack) {
  const std::string log = stack.serve().Log();
  return log.size() > 4000 ? log.substr(log.size() - 4000) : log;
}

TEST(PanelBrowser, StoreSignsUpLogsInSeesItsDashboardAndLogsOut) {
  ASSERT_NO_FATAL_FAILURE(InstallNodeModules());
  Stack stack({.extra_env = {{"PANEL_BASE_DOMAIN", "localhost"}}});
  const std::string slug = "loja-" + adapters::crypto::RandomHex(3);
  const std::string xss_slug = "loja-" + adapters::crypto::RandomHex(3);
  const long long stores_before = stack.db().Count("SELECT count(*) FROM tenants");

  const RunResult result = RunFlow(stack, "signup_login", {{"SLUG", slug}, {"XSS_SLUG", xss_slug}});
  ASSERT_EQ(result.status, 0) << result.output << "\n--- serve log (tail) ---\n"
                              << ServeLogTail(stack);

  // The refused sign-up created nothing; each accepted one created its store and its owner.
  EXPECT_EQ(stack.db().Count("SELECT count(*) FROM tenants"), stores_before + 2);
  for (const std::string& store : {slug, xss_slug}) {
    EXPECT_EQ(stack.db().Count("SELECT count(*) FROM users u JOIN tenants t ON t.id = u.tenant_id "
                               "WHERE t.slug = $1 AND u.role = 'owner'",
                               {store}),
              1)
        << store;
  }
}

// The acceptance day of a store: catalog import with a bad row, an inline price edit, an approval
// edited and approved with the quote reaching the customer, a reply to a flagged conversation.
TEST(PanelBrowser, AStoresDayFromCatalogImportToAnApprovedQuoteAndAReply) {
  ASSERT_NO_FATAL_FAILURE(InstallNodeModules());
  Stack stack({.extra_env = {{"PANEL_BASE_DOMAIN", "localhost"}}});
  const std::string slug = "loja-" + adapters::crypto::RandomHex(3);

  const RunResult result = RunFlow(stack, "store_day",
                                   {{"SLUG", slug},
                                    {"WEBHOOK_URL", stack.serve_url() + "/webhooks/whatsapp"},
                                    {"APP_SECRET", kAppSecret}});
  ASSERT_EQ(result.status, 0) << result.output << "\n--- serve log (tail) ---\n"
                              << ServeLogTail(stack);

  const auto count = [&](const std::string& sql) {
    return stack.db().Count("SELECT count(*) FROM " + sql, {slug});
  };
  // The three good rows are in, with the price edited inline; the bad row is not.
  EXPECT_EQ(count("items i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1"), 3);
  EXPECT_EQ(count("items i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND "
                  "i.sku = 'CIM-50' AND i.price_centavos = 4150"),
            1);
  EXPECT_EQ(count("items i JOIN tenants t ON t.id = i.tenant_id WHERE t.slug = $1 AND "
                  "i.sku = 'ARE-M'"),
            0);
  // The owner decided the approval, and the reply is recorded as theirs.
  EXPECT_EQ(count("approvals a JOIN tenants t ON t.id = a.tenant_id WHERE t.slug = $1 AND "
                  "a.status = 'approved' AND a.decided_by IS NOT NULL"),
            1);
  EXPECT_EQ(count("audit_log l JOIN tenants t ON t.id = l.tenant_id WHERE t.slug = $1 AND "
                  "l.entity_type = 'conversation' AND l.action = 'reply' AND "
                  "l.user_id IS NOT NULL"),
            1);
  EXPECT_EQ(count("conversations c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = $1 AND "
                  "c.needs_human"),
            0);
}

}  // namespace
}  // namespace orcazap::testing

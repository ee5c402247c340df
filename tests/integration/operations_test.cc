// Operations: migrations, readiness, request-id tracing and configuration errors, against the
// real binaries and servers.
#include <gtest/gtest.h>
#include <signal.h>

#include <thread>
#include <vector>

#include "tests/harness/stack.h"

namespace orcazap::testing {
namespace {

std::map<std::string, std::string> DatabaseEnv(const TestDatabase& db) {
  return {{"DATABASE_URL", db.url()}, {"ORCAZAP_ENV", "production"}};
}

TEST(Migrate, TwoConcurrentRunsOnAnEmptyDatabaseApplyTheSchemaOnce) {
  TestDatabase db;
  const auto env = DatabaseEnv(db);
  RunResult first;
  RunResult second;
  std::thread other([&] { second = RunCommand({OrcazapBinary(), "migrate", "up"}, env); });
  first = RunCommand({OrcazapBinary(), "migrate", "up"}, env);
  other.join();
  EXPECT_EQ(first.status, 0) << first.output;
  EXPECT_EQ(second.status, 0) << second.output;
  // Exactly one of them applied it; the other found it up to date.
  const bool first_applied = first.output.find("applied 0001_initial.sql") != std::string::npos;
  const bool second_applied = second.output.find("applied 0001_initial.sql") != std::string::npos;
  EXPECT_NE(first_applied, second_applied) << first.output << "\n---\n" << second.output;
  EXPECT_EQ(db.Count("SELECT count(*) FROM schema_migrations WHERE version = '0001_initial.sql'"),
            1);
  EXPECT_EQ(db.Count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'quotes'"),
            1);

  const RunResult status = RunCommand({OrcazapBinary(), "migrate", "status"}, env);
  EXPECT_EQ(status.status, 0);
  EXPECT_NE(status.output.find("applied  0001_initial.sql"), std::string::npos) << status.output;
  EXPECT_NE(status.output.find("0 pending"), std::string::npos) << status.output;
}

// The states and kinds the code writes are the database's to check too (migration 0009 keeps them
// as domains): a value outside them is refused with its constraint named, an allowed one is kept.
TEST(Migrate, TheSchemaRefusesStatesAndKindsOutsideTheOnesItKnows) {
  TestDatabase db;
  ASSERT_EQ(RunCommand({OrcazapBinary(), "migrate", "up"}, DatabaseEnv(db)).status, 0);
  db.Query(R"sql(
    WITH t AS (INSERT INTO tenants (name, slug) VALUES ('Loja', 'loja-teste') RETURNING id),
         ch AS (INSERT INTO channels (tenant_id, phone_number_id, waba_id, access_token_encrypted,
                                     webhook_verify_token)
                SELECT id, '1001', '2001', '\x00'::bytea, 'verify' FROM t RETURNING id, tenant_id),
         k AS (INSERT INTO contacts (tenant_id, phone) SELECT tenant_id, '5511999990000' FROM ch
               RETURNING id, tenant_id)
    INSERT INTO conversations (tenant_id, contact_id, channel_id)
    SELECT k.tenant_id, k.id, ch.id FROM k, ch)sql");
  const std::string insert_message = R"sql(
    INSERT INTO messages (tenant_id, channel_id, direction, provider_message_id, purpose_key,
                          status, peer_phone, type)
    SELECT tenant_id, channel_id, $1, $2, $3, $4, '5511999990000', 'text' FROM conversations)sql";
  const std::string insert_quote = R"sql(
    INSERT INTO quotes (tenant_id, conversation_id, status, payment_method, detail,
                        subtotal_centavos, total_centavos)
    SELECT tenant_id, id, $1, $2, '{}', 0, 0 FROM conversations)sql";
  struct Case {
    std::string sql;
    adapters::postgres::Params params;
    std::string refused_by;  // empty: accepted
  };
  const std::vector<Case> cases = {
      {insert_message, {"inbound", "wamid.1", std::nullopt, std::nullopt}, ""},
      {insert_message, {"outbound", std::nullopt, "reply:1", "queued"}, ""},
      {insert_message,
       {"sideways", "wamid.2", std::nullopt, std::nullopt},
       "message_direction_check"},
      {insert_message, {"outbound", std::nullopt, "reply:2", "lost"}, "message_status_check"},
      {insert_message, {"outbound", std::nullopt, "reply:3", std::nullopt}, "messages_check"},
      {insert_message, {"inbound", std::nullopt, std::nullopt, std::nullopt}, "messages_check"},
      {"UPDATE conversations SET state = 'QUOTE_SENT'", {}, ""},
      {"UPDATE conversations SET state = 'DONE'", {}, "conversation_state_check"},
      {insert_quote, {"sent", "pix"}, ""},
      {insert_quote, {"open", "pix"}, "quote_status_check"},
      {insert_quote, {"draft", "fiado"}, "quote_payment_method_check"},
  };
  auto conn = adapters::postgres::PgConnection::Connect(db.url());
  ASSERT_TRUE(conn.ok()) << conn.error().message();
  for (const Case& c : cases) {
    auto result = (*conn)->Exec(c.sql, c.params);
    if (c.refused_by.empty()) {
      EXPECT_TRUE(result.ok()) << c.sql << ": " << result.error().message();
    } else {
      ASSERT_FALSE(result.ok()) << c.sql << " was accepted";
      EXPECT_NE(result.error().message().find(c.refused_by), std::string::npos)
          << result.error().message();
    }
  }
  EXPECT_EQ(db.Count("SELECT count(*) FROM messages"), 2);
  EXPECT_EQ(db.Count("SELECT count(*) FROM quotes"), 1);
  EXPECT_EQ(db.Count("SELECT count(*) FROM conversations WHERE state = 'QUOTE_SENT'"), 1);
}

TEST(Migrate, StatusListsPendingOnAnEmptyDatabase) {
  TestDatabase db;
  const RunResult status = RunCommand({OrcazapBinary(), "migrate", "status"}, DatabaseEnv(db));
  EXPECT_EQ(status.status, 0) << status.output;
  EXPECT_NE(status.output.find("pending  0001_initial.sql"), std::string::npos) << status.output;
}

TEST(Migrate, AnAppliedMigrationThatWasEditedIsRefused) {
  TestDatabase db;
  const auto env = DatabaseEnv(db);
  ASSERT_EQ(RunCommand({OrcazapBinary(), "migrate", "up"}, env).status, 0);
  db.Query("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = '0001_initial.sql'");
  const RunResult up = RunCommand({OrcazapBinary(), "migrate", "up"}, env);
  EXPECT_NE(up.status, 0);
  EXPECT_NE(up.output.find("0001_initial.sql was edited after it was applied"), std::string::npos)
      << up.output;
  const RunResult status = RunCommand({OrcazapBinary(), "migrate", "status"}, env);
  EXPECT_NE(status.output.find("EDITED"), std::string::npos) << status.output;
}

TEST(Ready, Is503WhileRedisIsStoppedAnd200WhenItIsBack) {
  const int port = FreePort();
  char dir[] = "/tmp/orcazap-redis-XXXXXX";
  const std::string redis_dir = mkdtemp(dir);
  const std::vector<std::string> redis_argv = {
      "redis-server", "--port", std::to_string(port), "--bind", "127.0.0.1",
      "--save",       "",       "--appendonly",       "no",     "--dir",
      redis_dir};
  auto redis = std::make_unique<ChildProcess>(redis_argv, std::map<std::string, std::string>{},
                                              redis_dir + "/redis.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Stack stack(
      {.start_worker = true, .redis_url = "redis://127.0.0.1:" + std::to_string(port) + "/0"});
  EXPECT_EQ(stack.Get("/ready").status, 200);

  redis->Stop();
  const auto down = stack.Get("/ready");
  EXPECT_EQ(down.status, 503);
  EXPECT_NE(down.body.find("\"redis\":\"unavailable\""), std::string::npos) << down.body;
  // The reason (hosts, ports, the connection's error text) goes to the log, not to anyone who
  // asks.
  EXPECT_EQ(down.body.find("127.0.0.1"), std::string::npos) << down.body;
  EXPECT_EQ(down.body.find("connect"), std::string::npos) << down.body;
  EXPECT_EQ(stack.Get("/health").status, 200);  // the process itself is fine

  redis = std::make_unique<ChildProcess>(redis_argv, std::map<std::string, std::string>{},
                                         redis_dir + "/redis.log");
  EXPECT_TRUE(Stack::WaitUntil([&] { return stack.Get("/ready").status == 200; }));
  redis->Stop();
  std::system(("rm -rf '" + redis_dir + "'").c_str());
}

TEST(Ready, Is503WhenMigrationsArePending) {
  Stack stack({.start_worker = false});
  stack.db().Query("DELETE FROM schema_migrations");
  const auto response = stack.Get("/ready");
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("\"migrations\":\"pending\""), std::string::npos) << response.body;
}

TEST(Tracing, OneRequestIdFollowsTheMessageFromWebhookToWorker) {
  Stack stack;
  const std::string request_id = "trace-" + std::to_string(::getpid());
  ASSERT_EQ(stack.PostWebhook(Fixture("text_message.json"), std::nullopt, request_id).status, 200);
  ASSERT_TRUE(Stack::WaitUntil([&] {
    return stack.worker()->Log().find("\"msg\":\"job done\",\"request_id\":\"" + request_id) !=
           std::string::npos;
  })) << stack.worker()->Log();

  const std::string tag = "\"request_id\":\"" + request_id + "\"";
  auto lines_with = [&](const std::string& log, const std::string& msg) {
    size_t count = 0;
    size_t start = 0;
    while (start < log.size()) {
      const size_t end = log.find('\n', start);
      const std::string line = log.substr(start, end == std::string::npos ? end : end - start);
      if (line.find(tag) != std::string::npos &&
          line.find("\"msg\":\"" + msg + "\"") != std::string::npos) {
        ++count;
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return count;
  };
  const std::string serve_log = stack.serve().Log();
  const std::string worker_log = stack.worker()->Log();
  EXPECT_EQ(lines_with(serve_log, "webhook persisted"), 1u) << serve_log;
  EXPECT_EQ(lines_with(serve_log, "http request"), 1u) << serve_log;
  EXPECT_EQ(lines_with(worker_log, "job done"), 1u) << worker_log;
  // Two lines in serve and one in the worker per message at info, each saying what it is about:
  // the stored message's id, and the job's kind and subject (the same id). A job's start is a
  // debug line (the stack logs at debug).
  EXPECT_EQ(worker_log.find("\"level\":\"info\",\"process\":\"worker\",\"msg\":\"job started\""),
            std::string::npos)
      << worker_log;
  EXPECT_NE(worker_log.find("\"level\":\"debug\",\"process\":\"worker\",\"msg\":\"job started\""),
            std::string::npos)
      << worker_log;
  const std::string message_id(
      stack.db().Query("SELECT id FROM messages WHERE direction = 'inbound'").Get(0, 0));
  EXPECT_NE(serve_log.find("\"message_ids\":\"" + message_id + "\""), std::string::npos)
      << serve_log;
  EXPECT_NE(worker_log.find("\"kind\":\"inbound\",\"message_id\":\"" + message_id + "\""),
            std::string::npos)
      << worker_log;
  // Production logs are one JSON object per line.
  EXPECT_EQ(serve_log.find("{\"time\":"), 0u) << serve_log;
}

TEST(Config, MissingOrMalformedVariablesStopTheProcessNamingThem) {
  const RunResult missing =
      RunCommand({OrcazapBinary(), "serve"},
                 {{"DATABASE_URL", ""}, {"REDIS_URL", ""}, {"WHATSAPP_APP_SECRET", ""}});
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.output.find("DATABASE_URL is missing"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("REDIS_URL is missing"), std::string::npos) << missing.output;
  EXPECT_NE(missing.output.find("WHATSAPP_APP_SECRET is missing"), std::string::npos)
      << missing.output;

  const RunResult malformed =
      RunCommand({OrcazapBinary(), "worker"}, {{"DATABASE_URL", "mysql://x"},
                                               {"REDIS_URL", "redis://127.0.0.1:notaport"},
                                               {"SECRET_KEY", "abc"},
                                               {"GRAPH_API_BASE", "ftp://x"},
                                               {"ORCAZAP_ENV", "staging"}});
  EXPECT_EQ(malformed.status, 2);
  for (const char* name :
       {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "GRAPH_API_BASE", "ORCAZAP_ENV"}) {
    EXPECT_NE(malformed.output.find(name), std::string::npos) << name << "\n" << malformed.output;
  }
  EXPECT_EQ(malformed.output.find("abc"), std::string::npos) << "a secret was echoed";
}

}  // namespace
}  // namespace orcazap::testing

#pragma once
// The integration environment: a fresh PostgreSQL database (on the private server started by
// scripts/test), its own Redis key prefix, the demo store seeded, and the real processes:
// Graph API stand-in, `orcazap serve`, `orcazap worker`. Everything is torn down at the end.
// Needs OZ_TEST_DATABASE_ADMIN_URL and OZ_TEST_REDIS_URL (exported by scripts/test).

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "adapters/http/client.h"
#include "adapters/postgres/connection.h"
#include "adapters/redis/redis.h"
#include "tests/harness/process.h"

namespace orcazap::testing {

constexpr char kAppSecret[] = "s3cret";
constexpr char kStorePhoneNumberId[] = "106540352242922";  // as in the fixtures

// A database of its own, dropped at the end.
class TestDatabase {
 public:
  // On the server of `admin_url` (default: OZ_TEST_DATABASE_ADMIN_URL).
  explicit TestDatabase(std::optional<std::string> admin_url = std::nullopt);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  adapters::postgres::Rows Query(const std::string& sql,
                                 const adapters::postgres::Params& params = {});
  long long Count(const std::string& sql, const adapters::postgres::Params& params = {});

 private:
  std::string admin_url_;
  std::string name_;
  std::string url_;
  std::unique_ptr<adapters::postgres::PgConnection> conn_;
};

struct StackOptions {
  bool start_worker = true;
  bool report_statuses = true;  // the stand-in posts "sent"/"delivered" statuses back, like Meta
  std::optional<std::string> redis_url;           // default: OZ_TEST_REDIS_URL
  std::optional<std::string> database_admin_url;  // default: OZ_TEST_DATABASE_ADMIN_URL
  std::map<std::string, std::string> extra_env;   // overrides for every orcazap process
};

class Stack {
 public:
  explicit Stack(StackOptions options = {});
  ~Stack();

  TestDatabase& db() { return db_; }
  // Environment for orcazap processes of this stack.
  std::map<std::string, std::string> Env() const;
  const std::string& log_dir() const { return dir_; }
  std::string serve_url() const { return "http://127.0.0.1:" + std::to_string(serve_port_); }
  std::string standin_url() const { return "http://127.0.0.1:" + std::to_string(standin_port_); }

  ChildProcess& serve() { return *serve_; }
  ChildProcess* worker() { return worker_.get(); }
  void StartWorker();
  void StopWorker();
  // More workers beside the first (they stop with the stack).
  ChildProcess& StartExtraWorker();
  // Sets the Graph stand-in's fault mode (see adapters/http/graph_standin.h).
  void SetGraphFaults(const std::string& json);
  // Tells the Graph stand-in that `token` sees the number in that WhatsApp Business Account, so
  // that the panel may save a channel with them (POST /_standin/numbers).
  void RegisterGraphNumber(const std::string& token, const std::string& waba_id,
                           const std::string& phone_number_id,
                           const std::string& display_phone_number = "");
  nlohmann::json GraphStats();
  // Runs `orcazap ARGS...` with this stack's environment.
  RunResult Orcazap(std::vector<std::string> args);

  // POST /webhooks/whatsapp, signed with kAppSecret unless `signature` is given.
  adapters::http::ClientResponse PostWebhook(const std::string& body,
                                             std::optional<std::string> signature = std::nullopt,
                                             const std::string& request_id = "");
  adapters::http::ClientResponse Get(const std::string& path);
  // Messages the stand-in received, optionally only those to `to`.
  nlohmann::json SentMessages(const std::string& to = "");
  // Polls `condition` every 50 ms until true or `timeout`.
  static bool WaitUntil(const std::function<bool()>& condition,
                        std::chrono::milliseconds timeout = std::chrono::milliseconds(15000));

 private:
  std::string dir_;
  TestDatabase db_;
  std::string redis_url_;
  std::string redis_prefix_;
  int standin_port_ = 0;
  int serve_port_ = 0;
  std::unique_ptr<ChildProcess> standin_;
  std::unique_ptr<ChildProcess> serve_;
  std::unique_ptr<ChildProcess> worker_;
  std::vector<std::unique_ptr<ChildProcess>> extra_workers_;
  std::map<std::string, std::string> extra_env_;
  adapters::http::Client client_;
};

// A PostgreSQL server of its own (initdb in a temporary folder, loopback, a free port), for tests
// that stop and start it; removed at the end. Uses scripts/services.sh, so it runs as the
// `postgres` user when the tests run as root.
class PrivatePostgres {
 public:
  PrivatePostgres();
  ~PrivatePostgres();
  const std::string& admin_url() const { return admin_url_; }
  void Stop();
  void Start();

 private:
  void Run(const std::string& function);
  std::string dir_;
  int port_ = 0;
  std::string admin_url_;
};

// The test Redis (OZ_TEST_REDIS_URL, redis://HOST:PORT/DB as scripts/test sets it).
adapters::redis::RedisSettings TestRedisSettings();

// The bytes of tests/fixtures/whatsapp/<name>.
std::string Fixture(const std::string& name);
// A one-message text webhook from `from` to the demo store.
std::string TextWebhook(const std::string& from, const std::string& name, const std::string& text,
                        const std::string& message_id);
std::string OrcazapBinary();
std::string StandinBinary();

}  // namespace orcazap::testing

#include "tests/harness/stack.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "adapters/crypto/secret_box.h"
#include "adapters/whatsapp/signature.h"
#include "testing/whatsapp_fixture.h"

namespace orcazap::testing {
namespace {

std::string RequiredEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: run the integration tests through scripts/test");
  }
  return value;
}

std::string ReplaceDatabase(const std::string& url, const std::string& database) {
  const auto slash = url.rfind('/');
  return url.substr(0, slash + 1) + database;
}

}  // namespace

std::string OrcazapBinary() { return ORCAZAP_BINARY; }
std::string StandinBinary() { return ORCAZAP_GRAPH_STANDIN_BINARY; }
adapters::redis::RedisSettings TestRedisSettings() {
  std::string url = RequiredEnv("OZ_TEST_REDIS_URL");
  url = url.substr(url.find("//") + 2);
  adapters::redis::RedisSettings settings;
  settings.host = url.substr(0, url.find(':'));
  settings.port = static_cast<uint16_t>(std::stoi(url.substr(url.find(':') + 1)));
  if (auto slash = url.find('/'); slash != std::string::npos) {
    settings.db = std::stoi(url.substr(slash + 1));
  }
  return settings;
}

std::string Fixture(const std::string& name) { return orcazap::testing::WhatsAppFixture(name); }

std::string TextWebhook(const std::string& from, const std::string& name, const std::string& text,
                        const std::string& message_id) {
  const nlohmann::json value = {
      {"messaging_product", "whatsapp"},
      {"metadata",
       {{"display_phone_number", "551140028922"}, {"phone_number_id", kStorePhoneNumberId}}},
      {"contacts", nlohmann::json::array({{{"profile", {{"name", name}}}, {"wa_id", from}}})},
      {"messages", nlohmann::json::array({{{"from", from},
                                           {"id", message_id},
                                           {"timestamp", "1767261600"},
                                           {"type", "text"},
                                           {"text", {{"body", text}}}}})}};
  return nlohmann::json{
      {"object", "whatsapp_business_account"},
      {"entry",
       nlohmann::json::array(
           {{{"id", "102290129340398"},
             {"changes", nlohmann::json::array({{{"field", "messages"}, {"value", value}}})}}})}}
      .dump();
}

TestDatabase::TestDatabase(std::optional<std::string> admin_url) {
  admin_url_ = admin_url ? *admin_url : RequiredEnv("OZ_TEST_DATABASE_ADMIN_URL");
  name_ = "oz_it_" + adapters::crypto::RandomHex(6);
  auto admin = adapters::postgres::PgConnection::Connect(admin_url_);
  if (!admin) throw std::runtime_error(admin.error().message());
  auto created = (*admin)->Exec("CREATE DATABASE " + name_);
  if (!created) throw std::runtime_error(created.error().message());
  url_ = ReplaceDatabase(admin_url_, name_);
  auto conn = adapters::postgres::PgConnection::Connect(url_);
  if (!conn) throw std::runtime_error(conn.error().message());
  conn_ = std::move(conn).value();
}

TestDatabase::~TestDatabase() {
  conn_.reset();
  auto admin = adapters::postgres::PgConnection::Connect(admin_url_);
  if (admin) (void)(*admin)->Exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
}

adapters::postgres::Rows TestDatabase::Query(const std::string& sql,
                                             const adapters::postgres::Params& params) {
  auto rows = conn_->Exec(sql, params);
  if (!rows) throw std::runtime_error(sql + ": " + rows.error().message());
  return std::move(rows).value();
}

long long TestDatabase::Count(const std::string& sql, const adapters::postgres::Params& params) {
  return Query(sql, params).GetInt(0, 0);
}

PrivatePostgres::PrivatePostgres() {
  char dir[] = "/tmp/orcazap-pg-XXXXXX";
  dir_ = mkdtemp(dir);
  port_ = FreePort();
  admin_url_ = "postgresql://orcazap@127.0.0.1:" + std::to_string(port_) + "/postgres";
  Start();
}

PrivatePostgres::~PrivatePostgres() {
  Stop();
  std::system(("rm -rf '" + dir_ + "'").c_str());
}

void PrivatePostgres::Start() { Run("oz_postgres_start '" + dir_ + "' " + std::to_string(port_)); }
void PrivatePostgres::Stop() { Run("oz_postgres_stop '" + dir_ + "'"); }

void PrivatePostgres::Run(const std::string& function) {
  const RunResult result = RunCommand(
      {"bash", "-c", "source '" ORCAZAP_SOURCE_DIR "/scripts/services.sh' && " + function}, {});
  if (result.status != 0) {
    throw std::runtime_error("private PostgreSQL: " + function + " failed: " + result.output);
  }
}

Stack::Stack(StackOptions options)
    : db_(options.database_admin_url),
      extra_env_(options.extra_env),
      client_(std::chrono::milliseconds(20000)) {
  char dir[] = "/tmp/orcazap-it-XXXXXX";
  dir_ = mkdtemp(dir);
  redis_url_ = options.redis_url ? *options.redis_url : RequiredEnv("OZ_TEST_REDIS_URL");
  redis_prefix_ = "oz-it-" + adapters::crypto::RandomHex(4) + ":";
  standin_port_ = FreePort();
  serve_port_ = FreePort();

  for (const char* step : {"migrate", "seed"}) {
    std::vector<std::string> argv = {OrcazapBinary(), step};
    if (std::string(step) == "migrate") argv.push_back("up");
    const RunResult result = RunCommand(argv, Env());
    if (result.status != 0) {
      throw std::runtime_error(std::string("orcazap ") + step + " failed: " + result.output);
    }
  }
  // Like Meta, the stand-in reports every message it accepts back to serve's webhook.
  std::vector<std::string> standin_argv = {StandinBinary(), "--listen",
                                           "127.0.0.1:" + std::to_string(standin_port_)};
  if (options.report_statuses) {
    standin_argv.insert(standin_argv.end(),
                        {"--status-webhook", serve_url() + "/webhooks/whatsapp"});
  }
  standin_ = std::make_unique<ChildProcess>(
      standin_argv, std::map<std::string, std::string>{{"WHATSAPP_APP_SECRET", kAppSecret}},
      dir_ + "/standin.log");
  serve_ = std::make_unique<ChildProcess>(std::vector<std::string>{OrcazapBinary(), "serve"}, Env(),
                                          dir_ + "/serve.log");
  if (options.start_worker) StartWorker();
  const bool ready = WaitUntil([&] {
    auto standin = client_.Get(standin_url() + "/_standin/stats");
    auto response = client_.Get(serve_url() + "/ready");
    return standin && standin->status == 200 && response && response->status == 200;
  });
  if (!ready) throw std::runtime_error("stack did not become ready; serve log:\n" + serve_->Log());
}

Stack::~Stack() {
  for (auto& extra : extra_workers_) extra->Stop();
  if (worker_) worker_->Stop();
  if (serve_) serve_->Stop();
  if (standin_) standin_->Stop();
  if (!::testing::Test::HasFailure()) {
    std::system(("rm -rf '" + dir_ + "'").c_str());
  } else {
    std::fprintf(stderr, "integration logs kept in %s\n", dir_.c_str());
  }
}

std::map<std::string, std::string> Stack::Env() const {
  std::map<std::string, std::string> env = {
      {"ORCAZAP_ENV", "production"},
      {"LOG_LEVEL", "debug"},
      {"DATABASE_URL", db_.url()},
      {"DATABASE_POOL_SIZE", "4"},
      {"REDIS_URL", redis_url_},
      {"REDIS_KEY_PREFIX", redis_prefix_},
      {"WHATSAPP_APP_SECRET", kAppSecret},
      {"SECRET_KEY", std::string(64, 'a')},
      {"GRAPH_API_BASE", standin_url()},
      {"HTTP_LISTEN", "127.0.0.1:" + std::to_string(serve_port_)},
      {"HTTP_THREADS", "4"},
      {"PERIODIC_JOBS_SECONDS", "1"},
      {"RECONCILE_AFTER_SECONDS", "3"},
      {"JOB_RETRY_BASE_MS", "100"},
      {"SEND_CONFIRM_SECONDS", "5"},
      {"JOB_CLAIM_IDLE_SECONDS", "3"}};
  for (const auto& [key, value] : extra_env_) env[key] = value;
  return env;
}

ChildProcess& Stack::StartExtraWorker() {
  extra_workers_.push_back(std::make_unique<ChildProcess>(
      std::vector<std::string>{OrcazapBinary(), "worker"}, Env(),
      dir_ + "/worker-" + std::to_string(extra_workers_.size() + 2) + ".log"));
  return *extra_workers_.back();
}

void Stack::SetGraphFaults(const std::string& json) {
  auto response = client_.Send("POST", standin_url() + "/_standin/faults",
                               {{"Content-Type", "application/json"}}, json);
  if (!response || response->status != 200) throw std::runtime_error("cannot set Graph faults");
}

void Stack::RegisterGraphNumber(const std::string& token, const std::string& waba_id,
                                const std::string& phone_number_id,
                                const std::string& display_phone_number) {
  const nlohmann::json number = {{"token", token},
                                 {"waba_id", waba_id},
                                 {"phone_number_id", phone_number_id},
                                 {"display_phone_number", display_phone_number}};
  auto response = client_.Send("POST", standin_url() + "/_standin/numbers",
                               {{"Content-Type", "application/json"}}, number.dump());
  if (!response || response->status != 200) throw std::runtime_error("cannot register a number");
}

nlohmann::json Stack::GraphStats() {
  auto response = client_.Get(standin_url() + "/_standin/stats");
  if (!response || response->status != 200) throw std::runtime_error("stand-in unreachable");
  return nlohmann::json::parse(response->body);
}

RunResult Stack::Orcazap(std::vector<std::string> args) {
  args.insert(args.begin(), OrcazapBinary());
  return RunCommand(std::move(args), Env());
}

void Stack::StartWorker() {
  worker_ = std::make_unique<ChildProcess>(std::vector<std::string>{OrcazapBinary(), "worker"},
                                           Env(), dir_ + "/worker.log");
}

void Stack::StopWorker() {
  if (worker_) worker_->Stop();
}

adapters::http::ClientResponse Stack::PostWebhook(const std::string& body,
                                                  std::optional<std::string> signature,
                                                  const std::string& request_id) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", "application/json"},
      {"X-Hub-Signature-256",
       signature ? *signature : adapters::whatsapp::SignBody(kAppSecret, body)}};
  if (!request_id.empty()) headers.emplace_back("X-Request-Id", request_id);
  auto response = client_.Send("POST", serve_url() + "/webhooks/whatsapp", headers, body);
  if (!response) throw std::runtime_error(response.error().message());
  return std::move(response).value();
}

adapters::http::ClientResponse Stack::Get(const std::string& path) {
  auto response = client_.Get(serve_url() + path);
  if (!response) throw std::runtime_error(response.error().message());
  return std::move(response).value();
}

nlohmann::json Stack::SentMessages(const std::string& to) {
  auto response =
      client_.Get(standin_url() + "/_standin/messages" + (to.empty() ? "" : "?to=" + to));
  if (!response || response->status != 200) throw std::runtime_error("stand-in unreachable");
  return nlohmann::json::parse(response->body)["messages"];
}

bool Stack::WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

}  // namespace orcazap::testing

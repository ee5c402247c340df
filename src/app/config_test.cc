#include "app/config.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace orcazap::app {
namespace {

using Env = std::map<std::string, std::string>;

constexpr Needs kEverything = Needs::kDatabase | Needs::kRedis | Needs::kWebhook |
                              Needs::kSecretKey | Needs::kGraph | Needs::kHttp | Needs::kWorker;
constexpr char kSecretKey[] = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

EnvLookup Lookup(const Env& env) {
  return [env](const char* name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

Env Required() {
  return {{"DATABASE_URL", "postgresql://orcazap:pgpass@127.0.0.1:5432/orcazap"},
          {"REDIS_URL", "redis://:redispass@10.0.0.5:6380/2"},
          {"WHATSAPP_APP_SECRET", "s3cret"},
          {"SECRET_KEY", kSecretKey}};
}

Config Loaded(const Env& env, Needs needs = kEverything) {
  auto config = LoadConfig(Lookup(env), needs);
  EXPECT_TRUE(config.ok()) << config.error().message();
  return config.ok() ? std::move(config).value() : Config{};
}

// The error message of a configuration expected to be refused.
std::string Refusal(const Env& env, Needs needs = kEverything) {
  auto config = LoadConfig(Lookup(env), needs);
  if (config.ok()) {
    ADD_FAILURE() << "configuration was accepted";
    return "";
  }
  EXPECT_EQ(config.error().code(), core::ErrorCode::kInvalidInput);
  return config.error().message();
}

Env With(Env env, const std::string& name, const std::string& value) {
  env[name] = value;
  return env;
}

Env Without(Env env, const std::string& name) {
  env.erase(name);
  return env;
}

bool Mentions(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(LoadConfig, ReadsEveryRequiredVariable) {
  const Config config = Loaded(Required());
  EXPECT_EQ(config.database_url, "postgresql://orcazap:pgpass@127.0.0.1:5432/orcazap");
  EXPECT_EQ(config.redis.host, "10.0.0.5");
  EXPECT_EQ(config.redis.port, 6380);
  EXPECT_EQ(config.redis.password, "redispass");
  EXPECT_EQ(config.redis.db, 2);
  EXPECT_EQ(config.app_secret, "s3cret");
  EXPECT_EQ(config.secret_key_hex, kSecretKey);
}

TEST(LoadConfig, UsesSafeDefaultsForEverythingOptional) {
  const Config config = Loaded(Required());
  EXPECT_TRUE(config.production);
  EXPECT_EQ(config.log_format, adapters::log::Format::kJson);
  EXPECT_EQ(config.log_level, adapters::log::Level::kInfo);
  EXPECT_EQ(config.database_pool_size, 16);
  EXPECT_EQ(config.redis_key_prefix, "orcazap:");
  EXPECT_TRUE(config.verify_signatures);
  EXPECT_EQ(config.graph.base, "https://graph.facebook.com");
  EXPECT_EQ(config.graph.version, "v21.0");
  EXPECT_EQ(config.http_host, "127.0.0.1");
  EXPECT_EQ(config.http_port, 8000);
  EXPECT_EQ(config.http_threads, 32);
  EXPECT_EQ(config.max_body_bytes, 262144u);
  EXPECT_EQ(config.worker_threads, 8);
}

TEST(LoadConfig, ReadsOptionalVariablesWhenGiven) {
  Env env = Required();
  env["ORCAZAP_ENV"] = "development";
  env["LOG_LEVEL"] = "debug";
  env["DATABASE_POOL_SIZE"] = "12";
  env["REDIS_KEY_PREFIX"] = "staging:";
  env["GRAPH_API_BASE"] = "http://127.0.0.1:9999/";
  env["GRAPH_API_VERSION"] = "v22.0";
  env["HTTP_THREADS"] = "6";
  env["MAX_BODY_BYTES"] = "1048576";
  env["WORKER_THREADS"] = "2";
  const Config config = Loaded(env);
  EXPECT_FALSE(config.production);
  EXPECT_EQ(config.log_format, adapters::log::Format::kText);
  EXPECT_EQ(config.log_level, adapters::log::Level::kDebug);
  EXPECT_EQ(config.database_pool_size, 12);
  EXPECT_EQ(config.redis_key_prefix, "staging:");
  EXPECT_EQ(config.graph.base, "http://127.0.0.1:9999");
  EXPECT_EQ(config.graph.version, "v22.0");
  EXPECT_EQ(config.http_threads, 6);
  EXPECT_EQ(config.max_body_bytes, 1048576u);
  EXPECT_EQ(config.worker_threads, 2);
}

TEST(LoadConfig, NamesEachMissingRequiredVariableWithWhatItExpects) {
  const std::map<std::string, std::string> expects = {{"DATABASE_URL", "PostgreSQL URL"},
                                                      {"REDIS_URL", "Redis URL"},
                                                      {"WHATSAPP_APP_SECRET", "app secret"},
                                                      {"SECRET_KEY", "64 hex characters"}};
  for (const auto& [name, expectation] : expects) {
    const std::string message = Refusal(Without(Required(), name));
    EXPECT_TRUE(Mentions(message, name + " is missing")) << message;
    EXPECT_TRUE(Mentions(message, expectation)) << message;
    for (const auto& [other, unused] : expects) {
      if (other != name) {
        EXPECT_FALSE(Mentions(message, other)) << message;
      }
    }
  }
}

TEST(LoadConfig, TreatsAnEmptyValueAsMissing) {
  EXPECT_TRUE(Mentions(Refusal(With(Required(), "DATABASE_URL", "")), "DATABASE_URL is missing"));
}

TEST(LoadConfig, ReportsEveryProblemAtOnce) {
  Env env = {{"LOG_LEVEL", "loud"}, {"HTTP_LISTEN", "8000"}};
  const std::string message = Refusal(env);
  for (const char* name : {"DATABASE_URL", "REDIS_URL", "WHATSAPP_APP_SECRET", "SECRET_KEY",
                           "LOG_LEVEL", "HTTP_LISTEN"}) {
    EXPECT_TRUE(Mentions(message, name)) << name << " not reported in:\n" << message;
  }
}

TEST(LoadConfig, RequiresOnlyWhatTheCommandNeeds) {
  const Config config =
      Loaded({{"DATABASE_URL", "postgres://localhost/orcazap"}}, Needs::kDatabase);
  EXPECT_EQ(config.database_url, "postgres://localhost/orcazap");
  EXPECT_TRUE(LoadConfig(Lookup({}), Needs::kGraph | Needs::kHttp | Needs::kWorker).ok());
  EXPECT_TRUE(LoadConfig(Lookup({{"WORKER_THREADS", "many"}}), Needs::kGraph).ok())
      << "serve reads the Graph API's address, not the worker's settings";
}

TEST(LoadConfig, RefusesADatabaseUrlOfAnotherSchemeWithoutShowingItsPassword) {
  const std::string message =
      Refusal(With(Required(), "DATABASE_URL", "mysql://orcazap:hunter2@127.0.0.1/orcazap"));
  EXPECT_TRUE(Mentions(message, "DATABASE_URL")) << message;
  EXPECT_TRUE(Mentions(message, "PostgreSQL URL")) << message;
  EXPECT_FALSE(Mentions(message, "hunter2")) << message;
}

TEST(LoadConfig, RefusesARedisUrlWithABadPortWithoutShowingItsPassword) {
  const std::string message =
      Refusal(With(Required(), "REDIS_URL", "redis://:hunter2@127.0.0.1:63a79/0"));
  EXPECT_TRUE(Mentions(message, "REDIS_URL")) << message;
  EXPECT_TRUE(Mentions(message, "Redis URL")) << message;
  EXPECT_FALSE(Mentions(message, "hunter2")) << message;
}

TEST(LoadConfig, RefusesARedisUrlWithANonNumericDatabaseWithoutShowingItsPassword) {
  const std::string message =
      Refusal(With(Required(), "REDIS_URL", "redis://:hunter2@127.0.0.1:6379/zero"));
  EXPECT_TRUE(Mentions(message, "REDIS_URL")) << message;
  EXPECT_FALSE(Mentions(message, "hunter2")) << message;
}

TEST(LoadConfig, RefusesASecretKeyOfTheWrongLengthWithoutShowingIt) {
  const std::string short_key = std::string(kSecretKey).substr(0, 63);
  const std::string message = Refusal(With(Required(), "SECRET_KEY", short_key));
  EXPECT_TRUE(Mentions(message, "SECRET_KEY")) << message;
  EXPECT_TRUE(Mentions(message, "64 hex characters")) << message;
  EXPECT_FALSE(Mentions(message, short_key.substr(0, 16))) << message;
}

TEST(LoadConfig, RefusesANonHexSecretKeyWithoutShowingIt) {
  const std::string bad_key = "zz" + std::string(kSecretKey).substr(2);
  const std::string message = Refusal(With(Required(), "SECRET_KEY", bad_key));
  EXPECT_TRUE(Mentions(message, "SECRET_KEY")) << message;
  EXPECT_FALSE(Mentions(message, bad_key.substr(0, 16))) << message;
}

TEST(LoadConfig, RefusesTurningSignatureChecksOffInProduction) {
  const std::string message = Refusal(With(Required(), "WEBHOOK_SIGNATURE_CHECK", "off"));
  EXPECT_TRUE(Mentions(message, "WEBHOOK_SIGNATURE_CHECK")) << message;
  EXPECT_TRUE(Mentions(message, "production")) << message;
}

TEST(LoadConfig, AllowsTurningSignatureChecksOffInDevelopmentWithoutAnAppSecret) {
  Env env = Without(Required(), "WHATSAPP_APP_SECRET");
  env["ORCAZAP_ENV"] = "development";
  env["WEBHOOK_SIGNATURE_CHECK"] = "off";
  const Config config = Loaded(env);
  EXPECT_FALSE(config.verify_signatures);
  EXPECT_FALSE(config.production);
}

TEST(LoadConfig, RefusesASignatureCheckSettingOtherThanOnOrOff) {
  const std::string message = Refusal(With(Required(), "WEBHOOK_SIGNATURE_CHECK", "no"));
  EXPECT_TRUE(Mentions(message, "WEBHOOK_SIGNATURE_CHECK=\"no\"")) << message;
}

TEST(LoadConfig, ChecksChannelsUnlessTurnedOffInDevelopment) {
  EXPECT_TRUE(Loaded(Required()).check_channels);
  const std::string message = Refusal(With(Required(), "CHANNEL_CHECK", "off"));
  EXPECT_TRUE(Mentions(message, "CHANNEL_CHECK")) << message;
  EXPECT_TRUE(Mentions(message, "production")) << message;
  Env development = With(Required(), "CHANNEL_CHECK", "off");
  development["ORCAZAP_ENV"] = "development";
  EXPECT_FALSE(Loaded(development).check_channels);
  EXPECT_TRUE(Mentions(Refusal(With(Required(), "CHANNEL_CHECK", "no")), "CHANNEL_CHECK=\"no\""));
}

TEST(LoadConfig, RefusesAnUnknownEnvironmentName) {
  const std::string message = Refusal(With(Required(), "ORCAZAP_ENV", "staging"));
  EXPECT_TRUE(Mentions(message, "ORCAZAP_ENV=\"staging\"")) << message;
  EXPECT_TRUE(Mentions(message, "development")) << message;
}

TEST(LoadConfig, ReadsHostAndPortToListenOn) {
  Config config = Loaded(With(Required(), "HTTP_LISTEN", "0.0.0.0:9000"));
  EXPECT_EQ(config.http_host, "0.0.0.0");
  EXPECT_EQ(config.http_port, 9000);
  config = Loaded(With(Required(), "HTTP_LISTEN", "[::1]:8443"));
  EXPECT_EQ(config.http_host, "[::1]");
  EXPECT_EQ(config.http_port, 8443);
}

TEST(LoadConfig, RefusesAListenAddressWithoutHostOrValidPort) {
  for (const char* listen : {"9000", ":9000", "localhost:", "localhost:http", "localhost:65536",
                             "localhost:-1", "localhost:80x"}) {
    const std::string message = Refusal(With(Required(), "HTTP_LISTEN", listen));
    EXPECT_TRUE(Mentions(message, "HTTP_LISTEN=\"" + std::string(listen) + "\""))
        << listen << ": " << message;
    EXPECT_TRUE(Mentions(message, "HOST:PORT")) << message;
  }
}

TEST(LoadConfig, RefusesNumbersOutOfRange) {
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"DATABASE_POOL_SIZE", "0"},
                                                        {"DATABASE_POOL_SIZE", "65"},
                                                        {"HTTP_THREADS", "four"},
                                                        {"MAX_BODY_BYTES", "100"}}) {
    const std::string message = Refusal(With(Required(), name, value));
    EXPECT_TRUE(Mentions(message, name + "=\"" + value + "\"")) << message;
  }
}

TEST(LoadConfig, RefusesAGraphBaseThatIsNotHttp) {
  const std::string message = Refusal(With(Required(), "GRAPH_API_BASE", "graph.facebook.com"));
  EXPECT_TRUE(Mentions(message, "GRAPH_API_BASE")) << message;
}

TEST(ParseRedisUrl, ReadsPasswordHostPortAndDatabase) {
  auto settings = ParseRedisUrl("redis://:p@ss@cache.internal:6380/3");
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  EXPECT_EQ(settings->password, "p@ss");
  EXPECT_EQ(settings->host, "cache.internal");
  EXPECT_EQ(settings->port, 6380);
  EXPECT_EQ(settings->db, 3);
}

TEST(ParseRedisUrl, TakesThePasswordAfterAUserName) {
  auto settings = ParseRedisUrl("redis://default:secret@127.0.0.1:6379");
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  EXPECT_EQ(settings->password, "secret");
  EXPECT_EQ(settings->db, 0);
}

TEST(ParseRedisUrl, DefaultsThePortAndDatabase) {
  auto settings = ParseRedisUrl("redis://cache.internal");
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  EXPECT_EQ(settings->host, "cache.internal");
  EXPECT_EQ(settings->port, 6379);
  EXPECT_EQ(settings->db, 0);
  EXPECT_EQ(settings->password, "");
  settings = ParseRedisUrl("redis://cache.internal/");
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  EXPECT_EQ(settings->db, 0);
  settings = ParseRedisUrl("redis://cache.internal/5");
  ASSERT_TRUE(settings.ok()) << settings.error().message();
  EXPECT_EQ(settings->port, 6379);
  EXPECT_EQ(settings->db, 5);
}

TEST(ParseRedisUrl, SaysWhatIsWrong) {
  auto message = [](const std::string& url) {
    auto settings = ParseRedisUrl(url);
    EXPECT_FALSE(settings.ok()) << url;
    return settings.ok() ? std::string() : settings.error().message();
  };
  EXPECT_TRUE(Mentions(message("http://127.0.0.1:6379"), "redis://"));
  EXPECT_TRUE(Mentions(message("redis://127.0.0.1:abc"), "port"));
  EXPECT_TRUE(Mentions(message("redis://127.0.0.1:70000"), "port"));
  EXPECT_TRUE(Mentions(message("redis://127.0.0.1:6379/x"), "database number"));
  EXPECT_TRUE(Mentions(message("redis://127.0.0.1:6379/-1"), "database number"));
  EXPECT_TRUE(Mentions(message("redis://"), "host"));
  EXPECT_TRUE(Mentions(message("redis://:pw@/0"), "host"));
}

}  // namespace
}  // namespace orcazap::app

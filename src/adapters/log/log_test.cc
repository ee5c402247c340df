#include "adapters/log/log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace orcazap::adapters::log {
namespace {

class LogTest : public ::testing::Test {
 protected:
  void TearDown() override { Configure(Settings{}); }
};

TEST_F(LogTest, LinesOfConcurrentThreadsStayWholeAndCarryTheirRequestIds) {
  Configure({Format::kJson, Level::kInfo, "worker", false});
  constexpr int kThreads = 8;
  constexpr int kLines = 300;
  const std::string long_value(600, 'x');  // lines longer than what one small write carries
  ::testing::internal::CaptureStderr();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &long_value] {
      ScopedRequestId scope("thread-" + std::to_string(t));
      for (int i = 0; i < kLines; ++i) {
        Info("job done", {{"n", std::to_string(i)}, {"detail", long_value}});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string output = ::testing::internal::GetCapturedStderr();

  std::istringstream lines(output);
  std::string line;
  std::vector<int> next(kThreads, 0);
  int count = 0;
  while (std::getline(lines, line)) {
    const auto parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "not one whole JSON line: " << line.substr(0, 120);
    EXPECT_EQ(parsed["msg"], "job done");
    EXPECT_EQ(parsed["process"], "worker");
    const std::string id = parsed["request_id"];
    const int thread = std::stoi(id.substr(id.find('-') + 1));
    // Each thread's lines arrive in the order it wrote them.
    EXPECT_EQ(parsed["n"], std::to_string(next[thread]++));
    ++count;
  }
  EXPECT_EQ(count, kThreads * kLines);
}

TEST_F(LogTest, LinesBelowTheLevelAreNotWrittenAndConfigureTakesEffectAtOnce) {
  Configure({Format::kText, Level::kWarn, "serve", false});
  ::testing::internal::CaptureStderr();
  Info("hidden");
  Warn("shown", {{"path", "/webhook"}});
  Configure({Format::kText, Level::kDebug, "serve", false});
  Debug("now shown");
  const std::string output = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(output.find("hidden"), std::string::npos);
  EXPECT_NE(output.find("warn serve shown path=/webhook\n"), std::string::npos) << output;
  EXPECT_NE(output.find("debug serve now shown\n"), std::string::npos) << output;
}

TEST_F(LogTest, JsonEscapesWhatWouldBreakTheLine) {
  Configure({Format::kJson, Level::kInfo, "serve", false});
  ::testing::internal::CaptureStderr();
  Info("quote \"sent\"", {{"text", "linha 1\nlinha 2\t\x01"}});
  const std::string output = ::testing::internal::GetCapturedStderr();
  ASSERT_EQ(output.back(), '\n');
  ASSERT_EQ(output.find('\n'), output.size() - 1) << output;
  const auto parsed = nlohmann::json::parse(output);
  EXPECT_EQ(parsed["msg"], "quote \"sent\"");
  EXPECT_EQ(parsed["text"], "linha 1\nlinha 2\t\x01");
}

}  // namespace
}  // namespace orcazap::adapters::log

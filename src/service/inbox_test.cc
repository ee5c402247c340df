#include "service/inbox.h"

#include <gtest/gtest.h>

#include "testing/fake_stores.h"

namespace orcazap::service {
namespace {

// One conversation whose customer last wrote at `last_inbound`.
class OneConversationInbox : public InboxStore {
 public:
  explicit OneConversationInbox(Instant last_inbound) {
    thread_.conversation = {"conv-1", "5511900000001", "Ana", "WAITING_REPLY", true,
                            "oi",     last_inbound};
  }
  core::Result<std::vector<InboxEntry>> Inbox(const std::string&, int) override {
    return std::vector{thread_.conversation};
  }
  core::Result<std::optional<Thread>> LoadThread(const std::string& tenant_id,
                                                 const std::string& id, int) override {
    if (tenant_id != "tenant-1" || id != "conv-1") return std::optional<Thread>();
    return std::optional(thread_);
  }
  core::Status RecordReply(const std::string&, const std::string&, const std::string&,
                           const std::string& purpose_key, const std::string& text) override {
    recorded.emplace_back(purpose_key, text);
    return core::Ok();
  }
  std::vector<std::pair<std::string, std::string>> recorded;

 private:
  Thread thread_;
};

class InboxTest : public ::testing::Test {
 protected:
  core::Result<ReplyOutcome> Reply(OneConversationInbox& inbox, const std::string& text,
                                   const std::string& conversation = "conv-1") {
    return SendReply("tenant-1", conversation, "user-1", "r1", text, {inbox, jobs_, clock_});
  }
  testing::FakeClock clock_;
  testing::FakeJobQueue jobs_;
};

TEST_F(InboxTest, AReplyWithinTheWindowIsRecordedAndAFlushIsQueued) {
  OneConversationInbox inbox(clock_.Now() - std::chrono::hours(23));
  auto outcome = Reply(inbox, "Temos sim!");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(*outcome, ReplyOutcome::kQueued);
  ASSERT_EQ(inbox.recorded.size(), 1u);
  EXPECT_EQ(inbox.recorded[0].first, "reply:r1");
  ASSERT_EQ(jobs_.jobs().size(), 1u);
  EXPECT_EQ(jobs_.jobs()[0].kind, kFlushJobKind);
  EXPECT_EQ(jobs_.jobs()[0].subject_id, "conv-1");
}

TEST_F(InboxTest, OutsideTheWindowEmptyTooLongOrUnknownNothingIsRecorded) {
  OneConversationInbox inbox(clock_.Now() - std::chrono::hours(25));
  EXPECT_EQ(*Reply(inbox, "Temos sim!"), ReplyOutcome::kWindowClosed);
  OneConversationInbox open(clock_.Now());
  EXPECT_EQ(*Reply(open, " \n "), ReplyOutcome::kEmpty);
  EXPECT_EQ(*Reply(open, std::string(4097, 'a')), ReplyOutcome::kTooLong);
  EXPECT_EQ(*Reply(open, std::string(2000, 'a') + std::string(1000, 'x')), ReplyOutcome::kQueued);
  open.recorded.clear();
  EXPECT_EQ(*Reply(open, "oi", "conv-2"), ReplyOutcome::kNotFound);
  EXPECT_TRUE(inbox.recorded.empty());
  EXPECT_TRUE(open.recorded.empty());
}

}  // namespace
}  // namespace orcazap::service

// Runs every case under tests/golden/conversations (see the README there): a conversation
// played turn by turn through the engine, checked against what the store owner expects.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "adapters/files/golden_store_files.h"
#include "adapters/files/rules_json.h"
#include "core/catalog_csv.h"
#include "core/conversation_engine.h"

namespace orcazap::adapters {
namespace {

namespace fs = std::filesystem;
using core::ConversationState;

const fs::path kRoot = fs::path(ORCAZAP_SOURCE_DIR) / "tests/golden/conversations";

core::Catalog LoadCatalog(const fs::path& dir) { return golden::LoadCatalog(kRoot, dir); }

// The store's overrides: texts/<key>.txt, validated like the `orcazap texts set` command does.
core::Texts LoadTexts(const fs::path& dir) {
  core::Texts texts;
  if (!fs::is_directory(dir / "texts")) return texts;
  for (const auto& entry : fs::directory_iterator(dir / "texts")) {
    const auto key = core::ParseTextKey(entry.path().stem().string());
    if (!key) {
      ADD_FAILURE() << entry.path() << ": not the name of a text";
      continue;
    }
    const core::Status status = texts.Override(*key, golden::ReadFile(entry.path()));
    EXPECT_TRUE(status.ok()) << entry.path() << ": " << (status ? "" : status.error().message());
  }
  return texts;
}

// One expected fact: "key: value", or a bare "key". "reply <purpose>:" alone expects the exact
// text, written on the "| " lines that follow it.
struct Expectation {
  int line = 0;
  std::string key;
  std::string value;
  std::optional<std::vector<std::string>> body;
};

// "reply quote contains" → "quote"; "" when `key` is not about a reply.
std::string ReplyPurpose(const std::string& key) {
  if (key.rfind("reply ", 0) != 0) return "";
  return key.substr(6, key.find(' ', 6) - 6);
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

enum class StepKind { kText, kLocation, kOther, kExpire };

struct Step {
  int line = 0;
  StepKind kind = StepKind::kText;
  std::string text;  // the message, or the message type for kOther
  std::string caption;
  core::GeoPoint pin;
  std::vector<Expectation> expected;
};

struct Case {
  std::optional<core::CivilDate> today;
  std::optional<core::LocalDateTime> valid_until;
  std::string customer;
  std::string store_hours;
  std::vector<Step> steps;
  std::vector<std::string> errors;  // in the case file itself
};

std::string Trim(std::string text) {
  const size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

// "a | b" → {"a", "b"}; no bar → {text, ""}.
std::pair<std::string, std::string> SplitBar(const std::string& text) {
  const size_t bar = text.find(" | ");
  if (bar == std::string::npos) return {Trim(text), ""};
  return {Trim(text.substr(0, bar)), Trim(text.substr(bar + 3))};
}

std::optional<core::LocalDateTime> ParseDateTime(const std::string& text) {
  const auto date = core::CivilDate::ParseIso(text.substr(0, 10));
  int hour = 0;
  int minute = 0;
  if (!date || text.size() != 16 || std::sscanf(text.c_str() + 11, "%d:%d", &hour, &minute) != 2) {
    return std::nullopt;
  }
  return core::LocalDateTime{*date, hour, minute};
}

// Handles a header line; false when `key` is not a header.
bool ParseHeader(Case& parsed, int number, const std::string& key, const std::string& value) {
  if (key == "today") {
    parsed.today = core::CivilDate::ParseIso(value);
    if (!parsed.today) parsed.errors.push_back("line " + std::to_string(number) + ": bad date");
  } else if (key == "valid until") {
    parsed.valid_until = ParseDateTime(value);
    if (!parsed.valid_until) {
      parsed.errors.push_back("line " + std::to_string(number) + ": want YYYY-MM-DD HH:MM");
    }
  } else if (key == "customer") {
    parsed.customer = value;
  } else if (key == "store hours") {
    parsed.store_hours = value;
  } else {
    return false;
  }
  return true;
}

Case ParseCase(const std::string& text) {
  Case parsed;
  std::istringstream lines(text);
  std::string raw;
  bool in_message = false;  // the last line was a "> " line of the current step
  for (int number = 1; std::getline(lines, raw); ++number) {
    const std::string line = Trim(raw);
    const bool quoted = line.rfind('>', 0) == 0;
    if (quoted && in_message) {
      parsed.steps.back().text += "\n" + Trim(line.substr(1));
      continue;
    }
    in_message = false;
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '|') {
      Expectation* last = parsed.steps.empty() || parsed.steps.back().expected.empty()
                              ? nullptr
                              : &parsed.steps.back().expected.back();
      if (last == nullptr || !last->body) {
        parsed.errors.push_back("line " + std::to_string(number) + ": \"|\" outside a reply");
        continue;
      }
      last->body->push_back(line.size() > 1 ? raw.substr(raw.find('|') + 2) : "");
      continue;
    }
    const size_t colon = line.find(':');
    const std::string key = Trim(line.substr(0, colon));
    const std::string value = colon == std::string::npos ? "" : Trim(line.substr(colon + 1));
    if (quoted) {
      parsed.steps.push_back({number, StepKind::kText, Trim(line.substr(1))});
      in_message = true;
    } else if (key == "location" && colon != std::string::npos) {
      const auto [name, address] = SplitBar(value);
      parsed.steps.push_back({number, StepKind::kLocation});
      parsed.steps.back().pin = {"-23.5505", "-46.6333", name, address};
    } else if (key == "message" && colon != std::string::npos) {
      const auto [type, caption] = SplitBar(value);
      parsed.steps.push_back({number, StepKind::kOther, type, caption});
    } else if (line == "expire") {
      parsed.steps.push_back({number, StepKind::kExpire});
    } else if (parsed.steps.empty()) {
      if (!ParseHeader(parsed, number, key, value)) {
        parsed.errors.push_back("line " + std::to_string(number) + ": unknown header: " + line);
      }
    } else {
      Expectation expectation{number, key, value, std::nullopt};
      const bool exact = colon == line.size() - 1 && !ReplyPurpose(key).empty() &&
                         key.find(' ', 6) == std::string::npos;
      if (exact) expectation.body.emplace();
      parsed.steps.back().expected.push_back(std::move(expectation));
    }
  }
  if (!parsed.today) parsed.errors.push_back("no \"today:\" line");
  return parsed;
}

std::string Bodies(const core::Turn& turn, const std::string& purpose) {
  std::string out;
  for (const auto& reply : turn.replies) {
    if (reply.purpose == purpose) out += reply.body + "\n";
  }
  return out;
}

bool HasReply(const core::Turn& turn, const std::string& purpose) {
  return std::any_of(turn.replies.begin(), turn.replies.end(),
                     [&](const core::OutgoingText& reply) { return reply.purpose == purpose; });
}

std::string FreightText(const core::Quote& quote) {
  if (!quote.freight) return "a combinar";
  return *quote.freight == core::Money() ? "grátis" : quote.freight->ToBrl();
}

std::string ApprovalText(const core::Quote& quote) {
  std::string out;
  for (core::ApprovalReason reason : quote.approval_reasons) {
    out += (out.empty() ? "" : " ") + std::string(core::ApprovalReasonName(reason));
  }
  return out.empty() ? "none" : out;
}

std::string OutcomeText(const std::optional<core::QuoteOutcome>& outcome) {
  if (!outcome) return "none";
  switch (*outcome) {
    case core::QuoteOutcome::kWon:
      return "won";
    case core::QuoteOutcome::kLost:
      return "lost";
    case core::QuoteOutcome::kExpired:
      return "expired";
  }
  return "none";
}

std::string ItemsText(const core::Extraction& captured, const core::Catalog& catalog) {
  std::vector<std::string> items;
  for (const core::ExtractedItem& item : captured.items) {
    std::string name = item.sku;
    for (const core::CatalogItem& candidate : catalog.items) {
      if (candidate.sku == item.sku) name = candidate.name;
    }
    if (!item.counted) {
      items.push_back(name + " sem quantidade");
      continue;
    }
    items.push_back(core::QuantityPtBr(item.quantity) + " " +
                    core::UnitPtBr(item.unit, item.quantity) + " " + name);
  }
  return items.empty() ? "-" : core::JoinPtBr(items);
}

// The captured field `field` ("location", "payment", ...) as shown in the texts; "-" when empty.
std::optional<std::string> CapturedText(const core::Extraction& captured,
                                        const core::Catalog& catalog, const std::string& field) {
  if (field == "location") return captured.location ? core::LocationPtBr(*captured.location) : "-";
  if (field == "payment") return captured.payment ? core::PaymentPtBr(*captured.payment) : "-";
  if (field == "delivery") return captured.delivery ? core::DeliveryPtBr(*captured.delivery) : "-";
  if (field == "items") return ItemsText(captured, catalog);
  if (field == "unknown") return captured.unknown.empty() ? "-" : core::JoinPtBr(captured.unknown);
  return std::nullopt;
}

// Checks one expectation; the failure, or "" when it holds.
std::string Check(const Expectation& want, const core::Turn& turn, const core::Catalog& catalog) {
  const std::string& key = want.key;
  auto expect = [&](const std::string& actual) {
    return actual == want.value ? "" : "actual: " + actual;
  };
  if (key == "state") return expect(core::StateName(turn.state));
  if (key == "needs human") return expect(turn.needs_human ? "yes" : "no");
  if (key == "outcome") return expect(OutcomeText(turn.open_quote_outcome));
  if (key == "refused") return turn.refused ? "" : "nothing was refused";
  if (key == "no reply") return turn.replies.empty() ? "" : "a reply was sent";
  if (key == "no quote") return turn.new_quote ? "a quote was priced" : "";
  if (key == "captured nothing") {
    const core::Extraction& c = turn.captured;
    const bool empty =
        !c.location && !c.payment && !c.delivery && c.items.empty() && c.unknown.empty();
    return empty ? "" : "something was captured";
  }
  if (key.rfind("captured ", 0) == 0) {
    const auto actual = CapturedText(turn.captured, catalog, key.substr(9));
    if (!actual) return "unknown field " + key.substr(9);
    return expect(*actual);
  }
  if (key.rfind("quote ", 0) == 0) {
    if (!turn.new_quote) return "no quote was priced";
    const core::Quote& quote = *turn.new_quote;
    if (key == "quote total") return expect(quote.total.ToBrl());
    if (key == "quote subtotal") return expect(quote.subtotal.ToBrl());
    if (key == "quote freight") return expect(FreightText(quote));
    if (key == "quote approval") return expect(ApprovalText(quote));
    return "unknown quote field";
  }
  if (key.rfind("reply ", 0) == 0) {
    const std::string purpose = ReplyPurpose(key);
    const std::string verb = Trim(key.substr(6 + purpose.size()));
    if (!HasReply(turn, purpose)) return "no reply " + purpose + " was sent";
    const std::string bodies = Bodies(turn, purpose);
    if (verb == "contains") return bodies.find(want.value) != std::string::npos ? "" : "not found";
    if (verb == "lacks") return bodies.find(want.value) == std::string::npos ? "" : "found";
    if (verb.empty() && want.body) return bodies == Joined(*want.body) ? "" : "different text:";
    return "want \"reply <purpose> contains|lacks: ...\" or \"reply <purpose>:\" and | lines";
  }
  return "unknown expectation";
}

std::string Diff(const std::string& expected, const std::string& actual) {
  return golden::LineDiff(expected, actual, "  ", "| ");
}

// What every turn must state: no reply, refusal, outcome or quote goes unmentioned.
std::vector<std::string> Unmentioned(const Step& step, const core::Turn& turn) {
  std::map<std::string, bool> said;
  std::vector<std::string> purposes;
  for (const Expectation& want : step.expected) {
    said[want.key] = true;
    purposes.push_back(ReplyPurpose(want.key));
    if (want.key.rfind("quote ", 0) == 0) said["quote"] = true;
  }
  std::vector<std::string> missing;
  if (!said["state"]) missing.push_back("every turn needs a \"state:\" line");
  for (const auto& reply : turn.replies) {
    if (std::find(purposes.begin(), purposes.end(), reply.purpose) == purposes.end()) {
      missing.push_back("reply " + reply.purpose + " was sent but is not expected");
    }
  }
  if (turn.refused && !said["refused"]) missing.push_back("refused but not expected");
  if (turn.open_quote_outcome && !said["outcome"]) missing.push_back("outcome not expected");
  if (turn.new_quote && !said["quote"]) missing.push_back("a quote was priced: say its total");
  return missing;
}

// What a turn did, written in the case format, for failure messages.
std::string Describe(const core::Turn& turn, const core::Catalog& catalog) {
  std::ostringstream out;
  out << "    state: " << core::StateName(turn.state) << "\n"
      << "    needs human: " << (turn.needs_human ? "yes" : "no") << "\n";
  if (turn.refused) out << "    refused (" << turn.refused->message() << ")\n";
  if (turn.open_quote_outcome)
    out << "    outcome: " << OutcomeText(turn.open_quote_outcome) << "\n";
  if (turn.new_quote) {
    out << "    quote total: " << turn.new_quote->total.ToBrl() << "\n"
        << "    quote freight: " << FreightText(*turn.new_quote) << "\n"
        << "    quote approval: " << ApprovalText(*turn.new_quote) << "\n";
  }
  for (const char* field : {"location", "payment", "delivery", "items", "unknown"}) {
    out << "    captured " << field << ": " << *CapturedText(turn.captured, catalog, field) << "\n";
  }
  if (turn.replies.empty()) out << "    no reply\n";
  for (const auto& reply : turn.replies) {
    out << "    reply " << reply.purpose << ":\n";
    for (const std::string& line : golden::Lines(reply.body)) out << "    | " << line << "\n";
  }
  return out.str();
}

std::string StepTitle(const Step& step) {
  switch (step.kind) {
    case StepKind::kText: {
      std::string title = "> " + step.text;
      for (size_t at = title.find('\n'); at != std::string::npos; at = title.find('\n', at + 1)) {
        title.insert(at + 1, "> ");
      }
      return title;
    }
    case StepKind::kLocation:
      return "location: " + step.pin.name + " | " + step.pin.address;
    case StepKind::kOther:
      return "message: " + step.text;
    case StepKind::kExpire:
      return "expire";
  }
  return "";
}

core::InboundView ViewOfStep(const Step& step) {
  switch (step.kind) {
    case StepKind::kLocation:
      return core::ViewOf("location", "", step.pin);
    case StepKind::kOther:
      return core::ViewOf(step.text, step.caption, std::nullopt);
    default:
      return core::ViewOf("text", step.text, std::nullopt);
  }
}

// What the service keeps between turns (src/service/process_inbound.cc and the stores).
void Carry(core::ConversationSnapshot& snapshot, const core::Turn& turn,
           const core::LocalDateTime& valid_until, int& quotes) {
  snapshot.state = turn.state;
  snapshot.captured = turn.captured;
  snapshot.needs_human = turn.needs_human;
  if (turn.open_quote_outcome) snapshot.open_quote.reset();
  if (turn.new_quote && (turn.state == ConversationState::kQuoteSent ||
                         turn.state == ConversationState::kHumanApproval)) {
    snapshot.open_quote =
        core::OpenQuote{"q" + std::to_string(++quotes), *turn.new_quote, valid_until};
  }
}

// Plays the case; every failure names the turn, the expected line and what really happened.
std::string Play(const fs::path& dir, bool show) {
  const Case parsed = ParseCase(golden::ReadFile(dir / "conversation.txt"));
  std::string failures;
  for (const std::string& error : parsed.errors) failures += "conversation.txt: " + error + "\n";
  if (!parsed.today) return failures;
  const core::Catalog catalog = LoadCatalog(dir);
  const core::Texts texts = LoadTexts(dir);
  const core::LocalDateTime valid_until =
      parsed.valid_until.value_or(core::LocalDateTime{parsed.today->AddDays(1), 18, 0});
  const core::TurnContext context{catalog,       texts,       parsed.customer,
                                  *parsed.today, valid_until, parsed.store_hours};
  core::ConversationSnapshot snapshot;
  int quotes = 0;
  for (size_t i = 0; i < parsed.steps.size(); ++i) {
    const Step& step = parsed.steps[i];
    const core::Turn turn = step.kind == StepKind::kExpire
                                ? core::ExpireOpenQuote(snapshot, texts, parsed.customer)
                                : core::TakeTurn(snapshot, ViewOfStep(step), context);
    std::string problems;
    for (const Expectation& want : step.expected) {
      const std::string failure = Check(want, turn, catalog);
      if (failure.empty()) continue;
      problems += "  line " + std::to_string(want.line) + ": expected " + want.key +
                  (want.value.empty() ? "" : ": " + want.value) + "\n    " + failure + "\n";
      if (want.body) problems += Diff(Joined(*want.body), Bodies(turn, ReplyPurpose(want.key)));
    }
    for (const std::string& missing : Unmentioned(step, turn)) problems += "  " + missing + "\n";
    const std::string header = "turn " + std::to_string(i + 1) + " (line " +
                               std::to_string(step.line) + "): " + StepTitle(step) + "\n";
    if (!problems.empty()) {
      failures += header + problems + "  actual:\n" + Describe(turn, catalog);
    } else if (show) {
      std::cout << dir.filename().string() << " " << header << Describe(turn, catalog);
    }
    Carry(snapshot, turn, valid_until, quotes);
  }
  return failures;
}

std::vector<fs::path> Cases() {
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(kRoot)) {
    if (entry.is_directory()) cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(ConversationGolden, EveryCaseGoesAsExpected) {
  const auto cases = Cases();
  ASSERT_GE(cases.size(), 15u) << kRoot;
  const bool show = std::getenv("ORCAZAP_GOLDEN_SHOW") != nullptr;
  for (const fs::path& dir : cases) {
    const std::string failures = Play(dir, show);
    EXPECT_TRUE(failures.empty()) << "case " << dir.filename().string() << "\n" << failures;
  }
}

}  // namespace
}  // namespace orcazap::adapters

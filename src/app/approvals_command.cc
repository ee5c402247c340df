// orcazap approvals list|show|approve|reject: a person decides on the quotes that need approval
// (service/approvals.h), until the admin panel does it.
#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <memory>

#include "adapters/clock/system_clock.h"
#include "adapters/postgres/approval_store.h"
#include "adapters/postgres/connection.h"
#include "adapters/postgres/tenant_store.h"
#include "adapters/redis/redis.h"
#include "app/commands.h"
#include "app/config.h"
#include "core/text_data.h"
#include "service/approvals.h"

namespace orcazap::app {
namespace {

namespace pg = adapters::postgres;
using core::Error;

constexpr char kCommand[] = "orcazap approvals";
constexpr int kTranscriptMessages = 10;

struct ApprovalsArgs {
  std::string slug;
  std::string quote_id;
  std::vector<std::string> prices;     // SKU=REAIS
  std::vector<std::string> additions;  // SKU=QTY
  std::string freight;
  bool drop_unknown = false;
  bool send_decline = false;
  std::string by;
};

// Refusals (unknown tenant, quote or user, a quote already decided, a bad edit) exit 2 with
// nothing changed; anything else 1.
int Fail(const std::string& action, const Error& error) {
  std::cerr << kCommand << " " << action << ": " << error.message() << "\n";
  const bool refused = error.code() == core::ErrorCode::kInvalidInput ||
                       error.code() == core::ErrorCode::kNotFound ||
                       error.code() == core::ErrorCode::kConflict;
  if (refused && (action == "approve" || action == "reject")) {
    std::cerr << "nothing was changed\n";
  }
  return refused ? 2 : 1;
}

// "SKU=VALUE" split at the first '='.
core::Result<std::pair<std::string, std::string>> Assignment(const std::string& option,
                                                             const std::string& text) {
  const size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    return Error::InvalidInput(option + " \"" + text + "\": expected SKU=VALUE");
  }
  return std::pair(text.substr(0, equals), text.substr(equals + 1));
}

core::Result<core::Money> Reais(const std::string& option, const std::string& text) {
  if (auto money = core::Money::ParseReais(text)) return *money;
  return Error::InvalidInput(option + " \"" + text + "\": expected reais such as 38.90");
}

core::Result<core::QuoteEdits> EditsFrom(const ApprovalsArgs& args) {
  core::QuoteEdits edits;
  edits.drop_unknown = args.drop_unknown;
  for (const std::string& text : args.prices) {
    auto assignment = Assignment("--price", text);
    if (!assignment) return assignment.error();
    auto price = Reais("--price", assignment->second);
    if (!price) return price.error();
    edits.prices.push_back({assignment->first, *price});
  }
  for (const std::string& text : args.additions) {
    auto assignment = Assignment("--add", text);
    if (!assignment) return assignment.error();
    auto quantity = core::Quantity::Parse(assignment->second);
    if (!quantity) {
      return Error::InvalidInput("--add \"" + text + "\": expected a quantity such as 3 or 2.5");
    }
    edits.additions.push_back({assignment->first, *quantity});
  }
  if (!args.freight.empty()) {
    auto freight = Reais("--freight", args.freight);
    if (!freight) return freight.error();
    edits.freight = *freight;
  }
  return edits;
}

std::string Reasons(const std::vector<core::ApprovalReason>& reasons) {
  std::string out;
  for (auto reason : reasons)
    out += (out.empty() ? "" : ", ") + std::string(ApprovalReasonName(reason));
  return out.empty() ? "-" : out;
}

std::string Age(service::Instant since, service::Instant now) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - since).count();
  if (minutes < 60) return std::to_string(minutes) + " min";
  if (minutes < 24 * 60)
    return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
  return std::to_string(minutes / (24 * 60)) + " d " + std::to_string(minutes / 60 % 24) + " h";
}

std::string Customer(const service::ConversationRecord& conversation) {
  return (conversation.customer_name.empty() ? "" : conversation.customer_name + " ") + "+" +
         conversation.customer_phone;
}

// A message's later lines under its first.
std::string Indented(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\n      ") : std::string(1, c);
  return out;
}

void PrintRow(const std::string& label, const std::string& value) {
  std::cout << "  " << label << std::string(label.size() < 18 ? 18 - label.size() : 1, ' ') << value
            << "\n";
}

void PrintQuote(const core::Quote& quote, const core::Extraction& captured) {
  std::cout << "lines\n";
  for (const core::QuoteLine& line : quote.lines) {
    std::cout << "  " << line.sku << "  " << line.name << "  " << core::QuantityPtBr(line.quantity)
              << " " << core::UnitPtBr(line.unit, line.quantity) << " × " << line.unit_price.ToBrl()
              << " = " << line.line_total.ToBrl() << "\n";
  }
  for (const std::string& unknown : quote.unknown) {
    std::cout << "  ?  " << unknown << "  (not in the catalog)\n";
  }
  PrintRow("subtotal", quote.subtotal.ToBrl());
  if (quote.volume_discount != core::Money()) {
    PrintRow("volume discount", "-" + quote.volume_discount.ToBrl());
  }
  if (quote.payment_discount != core::Money()) {
    PrintRow("payment discount", "-" + quote.payment_discount.ToBrl() + " (" +
                                     core::PercentPtBr(quote.payment_discount_basis_points) + ")");
  }
  PrintRow("freight", quote.freight ? quote.freight->ToBrl() : "unknown");
  PrintRow("total", quote.total.ToBrl());
  PrintRow("margin",
           quote.margin_basis_points ? core::PercentPtBr(*quote.margin_basis_points) : "unknown");
  PrintRow("payment", quote.payment ? core::PaymentPtBr(*quote.payment) : "-");
  PrintRow("delivery", captured.delivery ? core::DeliveryPtBr(*captured.delivery) : "-");
  PrintRow("location", captured.location ? core::LocationPtBr(*captured.location) : "-");
}

struct Wiring {
  Wiring(const Config& config, bool with_queue)
      : pool(config.database_url, 2), approvals(pool), tenants(pool) {
    if (with_queue) {
      queue =
          std::make_unique<adapters::redis::RedisJobQueue>(config.redis, QueueSettingsFor(config));
    }
  }
  service::ApprovalPorts Ports() { return {approvals, tenants, *queue, clock}; }

  pg::PgPool pool;
  pg::PgApprovalStore approvals;
  pg::PgTenantStore tenants;
  adapters::SystemClock clock;
  std::unique_ptr<adapters::redis::RedisJobQueue> queue;  // approve and reject only
};

int List(Wiring& app, const std::string& tenant_id, const ApprovalsArgs& args) {
  auto pending = app.approvals.PendingApprovals(tenant_id);
  if (!pending) return Fail("list", pending.error());
  if (pending->empty()) {
    std::cout << "no quote of " << args.slug << " is waiting for approval\n";
    return 0;
  }
  const service::Instant now = app.clock.Now();
  for (const service::PendingApproval& approval : *pending) {
    std::cout << approval.quote_id << "  "
              << (approval.customer_name.empty() ? "" : approval.customer_name + " ") << "+"
              << approval.customer_phone << "  " << approval.total.ToBrl() << "  "
              << Age(approval.requested_at, now) << "  " << Reasons(approval.reasons) << "\n";
  }
  return 0;
}

int Show(Wiring& app, const std::string& tenant_id, const ApprovalsArgs& args) {
  auto view = service::ShowApproval(tenant_id, args.quote_id, app.approvals, kTranscriptMessages);
  if (!view) return Fail("show", view.error());
  auto tenant = app.tenants.LoadTenant(tenant_id);
  if (!tenant) return Fail("show", tenant.error());
  const service::ApprovalCase& approval = view->approval;
  std::cout << "quote " << approval.quote_id << "\n";
  PrintRow("status", approval.quote_status + " (approval " + approval.approval_status + ")");
  PrintRow("customer", Customer(approval.conversation));
  PrintRow("conversation", core::StateName(approval.conversation.state));
  PrintRow("reasons", Reasons(approval.reasons));
  PrintRow("waiting", Age(approval.requested_at, app.clock.Now()));
  PrintQuote(approval.quote, approval.conversation.captured);
  std::cout << "last messages\n";
  for (const service::TranscriptEntry& entry : view->messages) {
    auto at = app.clock.ToLocal(entry.at, tenant->timezone);
    std::cout << "  " << (at ? core::DateTimePtBr(*at) : "?") << "  "
              << (entry.inbound ? "customer" : "store") << ": " << Indented(entry.text) << "\n";
  }
  return 0;
}

int Report(const std::string& action, const core::Result<service::ApprovalOutcome>& outcome) {
  if (!outcome) return Fail(action, outcome.error());
  if (outcome->quote) {
    std::cout << "approved: total " << outcome->quote->total.ToBrl() << "\n";
    if (!outcome->accepted_reasons.empty()) {
      std::cout << "accepted although: " << Reasons(outcome->accepted_reasons) << "\n";
    }
  } else {
    std::cout << "rejected: the conversation is LOST\n";
  }
  if (outcome->message.empty()) return 0;
  std::cout << "message to the customer:\n" << outcome->message << "\n";
  if (outcome->enqueue_error) {
    std::cerr << kCommand << " " << action
              << ": the decision is recorded but its message could not be queued for sending ("
              << outcome->enqueue_error->message()
              << "); it goes out with the customer's next message\n";
    return 1;
  }
  return 0;
}

int Decide(Wiring& app, const std::string& tenant_id, const std::string& action,
           const ApprovalsArgs& args) {
  const std::optional<std::string> by =
      args.by.empty() ? std::nullopt : std::optional<std::string>(args.by);
  if (action == "reject") {
    return Report(action,
                  service::Reject(tenant_id, {args.quote_id, args.send_decline, by}, app.Ports()));
  }
  auto edits = EditsFrom(args);
  if (!edits) return Fail(action, edits.error());
  return Report(action, service::Approve(tenant_id, {args.quote_id, *edits, by}, app.Ports()));
}

CLI::App* AddAction(CLI::App& cli, const char* name, const char* help, ApprovalsArgs& args) {
  CLI::App* action = cli.add_subcommand(name, help);
  action->add_option("--tenant", args.slug, "tenant slug")->required();
  return action;
}

void AddQuoteOptions(CLI::App& cli, ApprovalsArgs& args) {
  CLI::App* show = AddAction(cli, "show", "a quote: lines, totals, reasons, last messages", args);
  show->add_option("quote", args.quote_id, "quote id (from `list`)")->required();
  CLI::App* approve = AddAction(cli, "approve", "send the quote, maybe edited first", args);
  approve->add_option("quote", args.quote_id, "quote id")->required();
  approve->add_option("--price", args.prices, "SKU=REAIS: unit price of a line (e.g. CIM=35.00)")
      ->allow_extra_args(false);
  approve->add_option("--add", args.additions, "SKU=QTY: add a catalog item (e.g. ARE-MED=2)")
      ->allow_extra_args(false);
  approve->add_option("--freight", args.freight, "REAIS: the freight (required when unknown)");
  approve->add_flag("--drop-unknown", args.drop_unknown,
                    "leave the items not in the catalog out (required when there are any)");
  approve->add_option("--by", args.by, "email of the store user deciding");
  CLI::App* reject = AddAction(cli, "reject", "close the conversation as lost", args);
  reject->add_option("quote", args.quote_id, "quote id")->required();
  reject->add_flag("--message", args.send_decline, "send the customer the polite decline text");
  reject->add_option("--by", args.by, "email of the store user deciding");
}

}  // namespace

int RunApprovals(int argc, char** argv) {
  ApprovalsArgs args;
  CLI::App cli(
      "Quotes that need a person (unknown item, freight unknown, margin below the minimum, total "
      "above the threshold). Approving sends the quote (QUOTE_SENT); rejecting closes the "
      "conversation (LOST). Approving a quote with unknown items needs --drop-unknown (add "
      "catalog lines for them with --add SKU=QTY first if the store has them); an unknown "
      "freight needs --freight.",
      kCommand);
  cli.require_subcommand(1);
  AddAction(cli, "list", "quotes waiting for approval, oldest first", args);
  AddQuoteOptions(cli, args);
  cli.footer(
      "Needs DATABASE_URL (and REDIS_URL to approve or reject: a worker sends the message). "
      "Exit status: 0 done, 1 failure, 2 bad usage or refused (unknown tenant, quote or user, a "
      "quote already decided, a bad edit): nothing changed.");
  CLI11_PARSE(cli, argc, argv);

  const std::string action = cli.get_subcommands().front()->get_name();
  const bool deciding = action == "approve" || action == "reject";
  auto config =
      LoadConfig(ProcessEnv(), deciding ? Needs::kDatabase | Needs::kRedis : Needs::kDatabase);
  if (!config) {
    std::cerr << kCommand << ": " << config.error().message() << "\n";
    return 2;
  }
  Wiring app(*config, deciding);
  auto tenant_id = service::TenantIdFor(args.slug, app.approvals);
  if (!tenant_id) return Fail(action, tenant_id.error());
  if (action == "list") return List(app, *tenant_id, args);
  if (action == "show") return Show(app, *tenant_id, args);
  return Decide(app, *tenant_id, action, args);
}

}  // namespace orcazap::app

// orcazap texts list|show|set|reset|preview: a tenant's customer texts (core/texts.h). An
// override is validated with the same parser the worker uses before it is stored, so a store
// never sends a broken text.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "adapters/postgres/connection.h"
#include "adapters/postgres/tenant_admin.h"
#include "adapters/postgres/text_store.h"
#include "app/commands.h"
#include "app/config.h"
#include "core/pricing.h"
#include "core/text_data.h"
#include "core/text_samples.h"
#include "core/texts.h"

namespace orcazap::app {
namespace {

namespace pg = adapters::postgres;
using core::Error;
using core::TextKey;

constexpr char kCommand[] = "orcazap texts";

struct TextsArgs {
  std::string slug;
  std::string key;
  std::string path;
};

// Bad input (a broken text, an unknown key or tenant) exits 2; anything else 1.
int Fail(const std::string& action, const Error& error) {
  std::cerr << kCommand << " " << action << ": " << error.message() << "\n";
  const bool bad_input =
      error.code() == core::ErrorCode::kInvalidInput || error.code() == core::ErrorCode::kNotFound;
  return bad_input ? 2 : 1;
}

std::string KeyNames() {
  std::string names;
  for (int i = 0; i < core::kTextKeyCount; ++i) {
    names += (i > 0 ? ", " : "") + std::string(core::TextKeyName(static_cast<TextKey>(i)));
  }
  return names;
}

core::Result<TextKey> KeyNamed(const std::string& name) {
  if (auto key = core::ParseTextKey(name)) return *key;
  return Error::InvalidInput("no text \"" + name + "\" (the texts: " + KeyNames() + ")");
}

core::Result<std::string> ReadText(const std::string& path) {
  std::ostringstream buffer;
  if (path == "-") {
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidInput(path + ": cannot read (" + std::strerror(errno) + ")");
  buffer << in.rdbuf();
  return buffer.str();
}

// What the worker would accept as the text of `key` (core::ParseText), and never an empty one.
core::Status Validate(TextKey key, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidInput(std::string("text ") + core::TextKeyName(key) +
                               ": empty (`reset` goes back to the default text)");
  }
  auto parsed = core::ParseText(key, text);
  if (!parsed) return parsed.error();
  return core::Ok();
}

core::Result<std::string> TenantId(pg::PgConnection& conn, const std::string& slug) {
  auto id = pg::FindTenantId(conn, slug);
  if (!id) return id.error();
  if (!*id) return Error::NotFound("no tenant \"" + slug + "\"");
  return **id;
}

int List(pg::PgConnection& conn, const TextsArgs& args) {
  auto tenant = TenantId(conn, args.slug);
  if (!tenant) return Fail("list", tenant.error());
  auto overrides = pg::ListTextOverrides(conn, *tenant);
  if (!overrides) return Fail("list", overrides.error());
  for (int i = 0; i < core::kTextKeyCount; ++i) {
    const auto key = static_cast<TextKey>(i);
    std::string status = "default";
    for (const pg::StoredText& stored : *overrides) {
      if (stored.key != core::TextKeyName(key)) continue;
      const core::Status valid = Validate(key, stored.body);
      status =
          valid ? "overridden"
                : "overridden but INVALID, the default is sent (" + valid.error().message() + ")";
    }
    std::cout << core::TextKeyName(key)
              << std::string(18 - std::strlen(core::TextKeyName(key)), ' ') << status << "\n";
  }
  for (const pg::StoredText& stored : *overrides) {
    if (!core::ParseTextKey(stored.key)) std::cout << stored.key << "  ignored: not a text\n";
  }
  return 0;
}

// The body the tenant's customers get for `key`: the override when it is valid, else the
// default. An invalid override is reported on stderr.
core::Result<std::string> TenantText(pg::PgConnection& conn, const TextsArgs& args, TextKey key) {
  auto tenant = TenantId(conn, args.slug);
  if (!tenant) return tenant.error();
  auto stored = pg::FindTextOverride(conn, *tenant, args.key);
  if (!stored) return stored.error();
  if (!*stored) return std::string(core::DefaultText(key));
  if (const core::Status valid = Validate(key, **stored); !valid) {
    std::cerr << kCommand << ": the stored text is INVALID and the default is sent instead: "
              << valid.error().message() << "\n";
  }
  return **stored;
}

int Show(pg::PgConnection& conn, const TextsArgs& args) {
  auto key = KeyNamed(args.key);
  if (!key) return Fail("show", key.error());
  auto text = TenantText(conn, args, *key);
  if (!text) return Fail("show", text.error());
  std::cout << *text << (text->empty() || text->back() != '\n' ? "\n" : "");
  return 0;
}

int Set(pg::PgConnection& conn, const TextsArgs& args) {
  auto key = KeyNamed(args.key);
  if (!key) return Fail("set", key.error());
  auto text = ReadText(args.path);
  if (!text) return Fail("set", text.error());
  if (const core::Status valid = Validate(*key, *text); !valid) {
    const int status =
        Fail("set", valid.error().WithContext(args.path == "-" ? "stdin" : args.path));
    std::cerr << "nothing was stored\n";
    return status;
  }
  auto tenant = TenantId(conn, args.slug);
  if (!tenant) return Fail("set", tenant.error());
  if (auto saved = pg::SaveTextOverride(conn, *tenant, args.key, *text); !saved) {
    return Fail("set", saved.error());
  }
  std::cout << "text " << args.key << " of " << args.slug << " is overridden\n";
  return 0;
}

int Reset(pg::PgConnection& conn, const TextsArgs& args) {
  auto key = KeyNamed(args.key);
  if (!key) return Fail("reset", key.error());
  auto tenant = TenantId(conn, args.slug);
  if (!tenant) return Fail("reset", tenant.error());
  auto removed = pg::DeleteTextOverride(conn, *tenant, args.key);
  if (!removed) return Fail("reset", removed.error());
  std::cout << "text " << args.key << " of " << args.slug
            << (*removed ? " is back to the default\n" : " already was the default\n");
  return 0;
}

// The tenant's text, or a draft from FILE, rendered with sample data.
int Preview(pg::PgConnection& conn, const TextsArgs& args) {
  auto key = KeyNamed(args.key);
  if (!key) return Fail("preview", key.error());
  core::Result<std::string> text =
      args.path.empty() ? TenantText(conn, args, *key) : ReadText(args.path);
  if (!text) return Fail("preview", text.error());
  core::Texts texts;
  const core::Status overridden = texts.Override(*key, *text);
  if (!overridden && !args.path.empty()) return Fail("preview", overridden.error());
  std::cout << texts.Render(*key, core::SampleTextData(*key, texts)) << "\n";
  return 0;
}

std::unique_ptr<pg::PgConnection> Connect(int& status) {
  auto config = LoadConfig(ProcessEnv(), Needs::kDatabase);
  if (!config) {
    std::cerr << kCommand << ": " << config.error().message() << "\n";
    status = 2;
    return nullptr;
  }
  auto conn = pg::PgConnection::Connect(config->database_url);
  if (!conn) {
    std::cerr << kCommand << ": " << conn.error().message() << "\n";
    status = 1;
    return nullptr;
  }
  return std::move(*conn);
}

CLI::App* AddAction(CLI::App& cli, const char* name, const char* help, TextsArgs& args) {
  CLI::App* action = cli.add_subcommand(name, help);
  action->add_option("--tenant", args.slug, "tenant slug")->required();
  return action;
}

}  // namespace

int RunTexts(int argc, char** argv) {
  TextsArgs args;
  CLI::App cli(
      "The texts a store sends its customers. Each can be overridden per store with a "
      "template: {{variable}}, {{#list}}...{{/list}}, {{^variable}}...{{/variable}}. "
      "The texts: " +
          KeyNames() + ".",
      kCommand);
  cli.require_subcommand(1);
  AddAction(cli, "list", "each text, overridden or default", args);
  AddAction(cli, "show", "print the store's text: its override, else the default", args)
      ->add_option("key", args.key, "the text")
      ->required();
  auto* set = AddAction(cli, "set", "validate and store an override", args);
  set->add_option("key", args.key, "the text")->required();
  set->add_option("file", args.path, "the new text, - for standard input")->required();
  AddAction(cli, "reset", "drop the override: back to the default text", args)
      ->add_option("key", args.key, "the text")
      ->required();
  auto* preview = AddAction(cli, "preview", "render the text with sample data", args);
  preview->add_option("key", args.key, "the text")->required();
  preview->add_option("file", args.path, "a draft to preview instead of the stored text");
  cli.footer(
      "Needs DATABASE_URL. Exit status: 0 done, 1 failure, 2 bad usage, unknown tenant or "
      "text, or a text refused (nothing stored).");
  CLI11_PARSE(cli, argc, argv);

  int status = 0;
  auto conn = Connect(status);
  if (!conn) return status;
  const std::string action = cli.get_subcommands().front()->get_name();
  if (action == "list") return List(*conn, args);
  if (action == "show") return Show(*conn, args);
  if (action == "set") return Set(*conn, args);
  if (action == "reset") return Reset(*conn, args);
  return Preview(*conn, args);
}

}  // namespace orcazap::app

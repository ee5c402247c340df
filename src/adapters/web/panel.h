#pragma once
// The admin panel, served by `orcazap serve` on the apex/www host (landing,
// sign-up, finding a store's login) and on each store's host ({slug}.<base domain>: login,
// logout, dashboard). Handlers are thin: parse the form, call the service, render a template.
//
// Contract:
// 1. Claims only requests whose Host is the apex/www or a store host; an unknown store is 404.
// 2. Every POST carries a CSRF token (form field "csrf" or header X-CSRF-Token): the session's
//    when logged in, else the pre-session cookie's (double submit). A missing or wrong token is
//    403 and changes nothing.
// 3. A store's pages need a session of that store's tenant; otherwise they redirect to /entrar.
// 4. Every answer carries the security headers (CSP without inline scripts, frame-ancestors
//    none, nosniff, referrer policy) and pages are not cached.

#include <optional>
#include <string>

#include "adapters/http/server.h"
#include "adapters/web/approval_pages.h"
#include "adapters/web/audit_pages.h"
#include "adapters/web/catalog_pages.h"
#include "adapters/web/channel_pages.h"
#include "adapters/web/conversation_pages.h"
#include "adapters/web/freight_pages.h"
#include "adapters/web/html.h"
#include "adapters/web/quote_pages.h"
#include "adapters/web/rules_pages.h"
#include "adapters/web/team_pages.h"
#include "adapters/web/text_pages.h"
#include "service/accounts.h"
#include "service/approvals.h"
#include "service/dashboard.h"

namespace orcazap::adapters::web {

struct PanelSettings {
  std::string base_domain;     // e.g. "orcazap.com.br"; "localhost" in development
  bool secure_cookies = true;  // false only in development (plain http)
};

// What the panel's pages use, all owned by the caller.
struct PanelPorts {
  service::AccountPorts accounts;
  service::DashboardReader& dashboard;
  service::ApprovalPorts approvals;
  service::CatalogEditor& catalog;
  service::CatalogFiles& catalog_files;
  service::ReplyPorts conversations;
  service::ChannelStore& channels;
  service::ChannelVerifier& channel_verifier;  // asks WhatsApp before a channel is saved
  const crypto::SecretBox& box;                // seals WhatsApp access tokens
  service::TeamStore& team;
  service::AuditReader& audit;
  service::TextAdmin& texts;
  service::FreightAdmin& freight;
  service::QuoteLister& quotes;
  service::PricingAdmin& pricing;
};

class Panel {
 public:
  Panel(PanelSettings settings, PanelPorts ports);

  // The answer for requests on the panel's hosts; nullopt for other hosts.
  std::optional<http::Response> Handle(const http::Request& request);

 private:
  http::Response Apex(const http::Request& request);
  http::Response Store(const http::Request& request, const std::string& slug);
  http::Response SignUpPage(const http::Request& request);
  http::Response SignUpSubmit(const http::Request& request);
  http::Response FindStorePage(const http::Request& request);
  http::Response LoginPage(const http::Request& request, const service::StoreAccount& store);
  http::Response LoginSubmit(const http::Request& request, const service::StoreAccount& store);
  http::Response Logout(const http::Request& request, const service::Session& session);
  http::Response PasswordPage(const StoreRequest& request);
  http::Response Dashboard(const service::StoreAccount& store, const service::Session& session);

  std::string StoreUrl(const http::Request& request, const std::string& slug,
                       const std::string& path) const;
  std::string PreSessionToken(const http::Request& request, http::Response& response) const;

  PanelSettings settings_;
  service::AccountPorts accounts_;
  service::DashboardReader& dashboard_;
  ApprovalPages approval_pages_;
  CatalogPages catalog_pages_;
  ConversationPages conversation_pages_;
  ChannelPages channel_pages_;
  TeamPages team_pages_;
  AuditPages audit_pages_;
  TextPages text_pages_;
  FreightPages freight_pages_;
  QuotePages quote_pages_;
  RulesPages rules_pages_;
};

}  // namespace orcazap::adapters::web

#pragma once
// Which part of OrcaZap a request's Host asks for: the apex or www. host serves
// the public pages, api. the webhooks and monitoring, {slug}. a store's panel. Hosts outside
// the base domain (an IP address, a proxy's upstream name) are kOther.

#include <string>
#include <string_view>

namespace orcazap::adapters::web {

struct HostRoute {
  enum class Kind { kApex, kApi, kStore, kOther } kind = Kind::kOther;
  std::string slug;  // kStore only, lower-cased
};

// `host` as sent (any case, optional ":port"); `base_domain` e.g. "orcazap.com.br".
HostRoute ClassifyHost(std::string_view host, std::string_view base_domain);

}  // namespace orcazap::adapters::web

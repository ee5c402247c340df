#include "adapters/web/host.h"

namespace orcazap::adapters::web {

HostRoute ClassifyHost(std::string_view host, std::string_view base_domain) {
  if (base_domain.empty() || host.starts_with('[')) return {};  // no panel, or an IPv6 literal
  std::string name(host.substr(0, host.find(':')));
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (!name.empty() && name.back() == '.') name.pop_back();
  const std::string base(base_domain);
  if (name == base || name == "www." + base) return {HostRoute::Kind::kApex, ""};
  if (name == "api." + base) return {HostRoute::Kind::kApi, ""};
  const std::string suffix = "." + base;
  if (name.size() > suffix.size() && name.ends_with(suffix)) {
    std::string label = name.substr(0, name.size() - suffix.size());
    if (label.find('.') == std::string::npos) return {HostRoute::Kind::kStore, label};
  }
  return {};
}

}  // namespace orcazap::adapters::web

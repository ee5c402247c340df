#pragma once
// The store's customer texts as the panel edits them (core/texts.h): overrides saved and reset
// with their audit rows. Bodies are validated (core::ParseText) by the caller before saving.

#include <map>
#include <string>

#include "core/result.h"

namespace orcazap::service {

class TextAdmin {
 public:
  virtual ~TextAdmin() = default;
  // key name -> body of the tenant's overrides.
  virtual core::Result<std::map<std::string, std::string>> TextOverrides(
      const std::string& tenant_id) = 0;
  virtual core::Status SaveText(const std::string& tenant_id, const std::string& user_id,
                                const std::string& key, const std::string& body) = 0;
  // Back to the default text; false when there was no override.
  virtual core::Result<bool> ResetText(const std::string& tenant_id, const std::string& user_id,
                                       const std::string& key) = 0;
};

}  // namespace orcazap::service

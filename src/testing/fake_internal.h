#pragma once
// What the fakes of fake_stores.h share in their implementations (src/testing/*.cc only).

#include <algorithm>
#include <optional>
#include <string>

#include "testing/fake_stores.h"

namespace orcazap::testing::internal {

// Applies a delivery status to the outbound messages with that provider id, as the PostgreSQL
// adapter's kApplyStatus does: a status never goes back.
void ApplyStatus(FakeDatabase& db, const std::string& tenant_id, const std::string& provider_id,
                 const std::string& status, const std::optional<std::string>& error);

// The first row of `table` that satisfies `predicate`, or nullptr.
template <typename Table, typename Predicate>
auto FindIn(Table& table, Predicate predicate) -> decltype(&table[0]) {
  auto it = std::find_if(table.begin(), table.end(), predicate);
  return it == table.end() ? nullptr : &*it;
}

}  // namespace orcazap::testing::internal

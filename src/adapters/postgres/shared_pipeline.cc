#include "adapters/postgres/shared_pipeline.h"

#include <span>
#include <utility>

namespace orcazap::adapters::postgres {

SharedPipeline::SharedPipeline(PgPool& pool, int max_units, int max_in_flight)
    : pool_(pool), group_(max_units, max_in_flight, [this](const std::vector<const Unit*>& units) {
        return WriteTogether(units);
      }) {}

core::Result<std::vector<Rows>> SharedPipeline::Run(const Unit& unit) {
  return group_.Submit(unit);
}

SharedPipeline::Group::Results SharedPipeline::WriteTogether(
    const std::vector<const Unit*>& units) {
  Group::Results results;
  auto conn = pool_.Acquire();
  if (!conn) {
    for (size_t i = 0; i < units.size(); ++i) results.emplace_back(conn.error());
    return results;
  }
  if (units.size() == 1) {
    results.push_back((*conn)->ExecPipeline(*units.front()));
    return results;
  }
  std::vector<std::span<const Statement>> together;
  together.reserve(units.size());
  for (const Unit* unit : units) together.emplace_back(*unit);
  auto written = (*conn)->ExecPipelineJoined(together);
  if (written) {
    auto rows = std::make_move_iterator(written->begin());
    for (const Unit* unit : units) {
      std::vector<Rows> own(rows, rows + static_cast<long>(unit->size()));
      rows += static_cast<long>(unit->size());
      results.emplace_back(std::move(own));
    }
    return results;
  }
  // Rolled back whole: each unit alone, so that only the one at fault fails (contract, rule 2).
  for (const Unit* unit : units) results.push_back((*conn)->ExecPipeline(*unit));
  return results;
}

}  // namespace orcazap::adapters::postgres

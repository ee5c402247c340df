#pragma once
// Group commit of write units: each caller hands over a unit, statements that must happen all or
// nothing (what one PgConnection::ExecPipeline would run), and gets back that unit's rows. Units
// handed over from other threads while the transactions in flight are being written go together
// into the next one: one pipeline, one round trip and one commit (one WAL flush) for all of them
// (concurrency/group_commit.h). The worker's job threads commit their decisions and their sent
// marks this way, so that at load a commit carries several customers' writes.
//
// Contract:
// 1. Run returns what ExecPipeline would have returned for the unit alone: its rows, one Rows per
//    statement, or the error that made it roll back. A unit's statements run in order and
//    together; units of one transaction run in the order they were handed over, each seeing the
//    writes of those before it.
// 2. Should a shared transaction fail, whatever the reason (a unit's orcazap_expect conflict, a
//    value PostgreSQL refuses, a deadlock, a lost connection), each of its units runs again alone,
//    in order, so that every unit gets its own outcome and one unit's failure never fails another.
// 3. Durability: the transaction flushes the WAL at commit when any of its units asks it to
//    (`SELECT set_config('synchronous_commit', 'on', true)`), so a unit is never less durable than
//    alone; the others get that flush too.
// 4. Callers must not hand over, at the same time, units that wait for each other (for example
//    two writes of one row expecting different states both to succeed): a shared transaction
//    would roll back and rule 2 would run them alone, which is correct but no faster. The worker's
//    units belong to different customers (each holds its customer's lock).
// 5. Thread-safe. A unit alone (no company) is written at once, on the caller's thread; no thread
//    of its own. Each transaction being written holds one pooled connection.

#include <vector>

#include "adapters/concurrency/group_commit.h"
#include "adapters/postgres/connection.h"

namespace orcazap::adapters::postgres {

class SharedPipeline {
 public:
  using Unit = std::vector<Statement>;
  using Group = adapters::GroupCommit<Unit, std::vector<Rows>>;

  // At most `max_units` units per transaction and `max_in_flight` transactions being written at a
  // time. Two in flight: a unit then waits at most for one transaction before its own starts, and
  // the worker's threads spend less time waiting (bench/ANALYSIS.md: with 8 job threads, two in
  // flight sent 6–20 % more quotes/s than one, with no worse latency, for 1.8 units per transaction
  // instead of 3.2).
  explicit SharedPipeline(PgPool& pool, int max_units = 32, int max_in_flight = 2);

  core::Result<std::vector<Rows>> Run(const Unit& unit);

  // How the units were grouped so far.
  Group::Stats stats() { return group_.stats(); }

 private:
  Group::Results WriteTogether(const std::vector<const Unit*>& units);

  PgPool& pool_;
  Group group_;
};

}  // namespace orcazap::adapters::postgres

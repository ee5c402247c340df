# shellcheck shell=bash
# bench/RESULTS.md from the figures bench/run collected in $OUT (sourced by bench/run).
# write_report prints the Markdown; it reads the knobs bench/run set (RUNS, INGEST_SECONDS...).

# "median min max count" of "KEY" ($2) over the lines of $1; "- - - 0" when there is none.
bench_stats() {
  grep -ho "\"$2\":[-0-9.e+]*" "$1" 2>/dev/null | cut -d: -f2 | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "- - - 0"; exit }
      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      print m, v[1], v[NR], NR
    }'
}

# row LABEL NAME KEY DECIMALS [TARGET OP LIMIT]: one table row for "KEY" of $OUT/NAME.jsonl;
# OP (>= or <=) and LIMIT decide "met" or "missed" on the median.
bench_row() {
  local label=$1 name=$2 key=$3 decimals=$4 target=${5:-—} op=${6:-} limit=${7:-}
  local median low high count verdict=—
  read -r median low high count < <(bench_stats "$OUT/$name.jsonl" "$key")
  if [ "$count" -eq 0 ]; then
    echo "| $label | not measured | | | $target | |"
    return
  fi
  if [ -n "$op" ]; then
    verdict=$(awk -v m="$median" -v l="$limit" -v op="$op" \
      'BEGIN { ok = op == ">=" ? m >= l : m <= l; print ok ? "**met**" : "**missed**" }')
  fi
  printf '| %s | %.*f | %.*f – %.*f | %s | %s | %s |\n' "$label" "$decimals" "$median" \
    "$decimals" "$low" "$decimals" "$high" "$count" "$target" "$verdict"
}

# The latency runs one by one beside the disk's flush times measured during each (orcazap-bench
# latency --disk-probe): the medians alone cannot show which slow orders waited on the disk.
bench_latency_runs() {
  [ -s "$OUT/latency.jsonl" ] || return 0
  echo "| run | p99 ms | POST p99 ms | orders over 20 ms | of them in the first second | of them during a disk flush over 20 ms | slowest disk flush ms | disk flushes over 20 ms |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  local run
  grep -o '"run":[0-9]*' "$OUT/latency.jsonl" | cut -d: -f2 | while read -r run; do
    echo "| $run | $(json_value latency "$run" p99_ms) | $(json_value latency "$run" post_p99_ms) |" \
      "$(json_value latency "$run" orders_over_20ms) |" \
      "$(json_value latency "$run" orders_over_20ms_first_second) |" \
      "$(json_value latency "$run" orders_over_20ms_during_disk_stall) |" \
      "$(json_value latency "$run" disk_flush_max_ms) |" \
      "$(json_value latency "$run" disk_flushes_over_20ms) |"
  done
}

# A row of the CPU table: the median of each process's figure over the runs of $2.
bench_cpu_row() {
  local label=$1 name=$2 cells="" key median
  for key in serve postgres redis workers standin generator total; do
    read -r median _ < <(bench_stats "$OUT/$name.jsonl" "cpu_us_$key")
    cells+=" $median |"
  done
  echo "| $label |$cells"
}

# A row of the PostgreSQL work table: the median of each figure over the runs of $2.
bench_pg_work_row() {
  local label=$1 name=$2 cells="" key median
  for key in wal_bytes commits rows_inserted rows_updated rows_hot_updated; do
    read -r median _ < <(bench_stats "$OUT/$name.jsonl" "pg_$key")
    cells+=" $median |"
  done
  echo "| $label |$cells"
}

# Quotes per inbound message in the runs of $1 (orders ÷ messages, the same in every run); 0 when
# not measured.
bench_quotes_per_message() {
  local quotes messages
  read -r quotes _ < <(bench_stats "$OUT/$1.jsonl" quotes)
  read -r messages _ < <(bench_stats "$OUT/$1.jsonl" messages)
  awk -v q="$quotes" -v m="$messages" 'BEGIN { print (q + 0 > 0 && m + 0 > 0) ? q / m : 0 }'
}

# A row of the bounds table for the runs of $2: the quotes per second that the median CPU time
# per message allows on this machine's cores, counting every process and counting PostgreSQL's
# alone (as if serve, the workers, Redis, the stand-in and the generator cost nothing).
bench_bound_row() {
  local label=$1 name=$2 total postgres
  read -r total _ < <(bench_stats "$OUT/$name.jsonl" cpu_us_total)
  read -r postgres _ < <(bench_stats "$OUT/$name.jsonl" cpu_us_postgres)
  awk -v label="$label" -v cores="$(nproc)" -v t="$total" -v p="$postgres" \
    -v share="$(bench_quotes_per_message "$name")" 'BEGIN {
    if (t + 0 <= 0 || p + 0 <= 0 || share <= 0) printf "| %s | not measured | |\n", label
    else printf "| %s | %.0f | %.0f |\n", label, cores * 1e6 / t * share, cores * 1e6 / p * share
  }'
}

# The CPU time per message (µs, all processes together) at which this machine's cores would make
# 1,000 quotes/s, for the runs of $1 ("-" when not measured).
bench_budget() {
  awk -v cores="$(nproc)" -v share="$(bench_quotes_per_message "$1")" \
    'BEGIN { if (share <= 0) print "-"; else printf "%.0f\n", cores * 1e6 / 1000 * share }'
}

bench_table_head() {
  echo "| figure | median | spread (min – max) | runs | target | |"
  echo "|---|---:|---:|---:|---|---|"
}

# A note when runs of $1 did not complete (some quotes never arrived).
bench_incomplete_note() {
  local count
  count=$(grep -c '"complete":false' "$OUT/$1.jsonl" 2>/dev/null) || true
  [ "${count:-0}" -eq 0 ] ||
    echo "- $count run(s) of \`$1\` did not receive every quote (see \"quotes\" in the raw figures)."
}

bench_protocol_note() {
  local trial=()
  [ "$RUNS" -ge 5 ] || trial+=("runs: $RUNS")
  [ "$INGEST_SECONDS" -ge 15 ] || trial+=("ingestion seconds: $INGEST_SECONDS")
  [ "$E2E_ORDERS" -ge 5000 ] || trial+=("end-to-end orders: $E2E_ORDERS")
  [ "$LATENCY_SECONDS" -ge 30 ] || trial+=("latency seconds: $LATENCY_SECONDS")
  [ "$ONLY" = "ingest e2e latency ready extract" ] || trial+=("only: $ONLY")
  [ "$STATUSES" = 0 ] || trial+=("delivery statuses reported to serve")
  [ "$PG_STATEMENTS" = 0 ] || trial+=("pg_stat_statements tracking")
  if [ ${#trial[@]} -gt 0 ]; then
    local joined
    joined=$(printf '%s, ' "${trial[@]}")
    echo "**Trial run, not the full protocol** (${joined%, }): the figures show that the harness"
    echo "works, not what the machine can do. Run \`bench/run\` with the defaults for figures."
  else
    echo "Full protocol: every figure is the median of $RUNS runs."
  fi
}

bench_machine() {
  local cpu memory
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
  echo "| | |"
  echo "|---|---|"
  echo "| CPUs (nproc) | $(nproc) |"
  echo "| CPU model | ${cpu:-unknown} |"
  echo "| RAM | $memory |"
  echo "| kernel | $(uname -sr) |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME") |"
  echo "| load average (1, 5, 15 min) before / after | $LOAD_BEFORE / $LOAD_AFTER |"
}

bench_versions() {
  local commit
  commit=$(git -C "$OZ_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  git -C "$OZ_ROOT" diff --quiet HEAD -- src migrations CMakeLists.txt cmake tools 2>/dev/null ||
    commit="$commit (with uncommitted changes)"
  echo "| | |"
  echo "|---|---|"
  echo "| OrcaZap | $("$ORCAZAP" version), commit $commit, Release build (build-bench/) |"
  echo "| g++ | $(g++ -dumpfullversion) |"
  echo "| PostgreSQL | $("$OZ_PG_BIN/postgres" --version | awk '{ print $3 }') (fsync $("$OZ_PG_BIN/psql" -qtA "$DATABASE_URL" -c 'SHOW fsync'), synchronous_commit $("$OZ_PG_BIN/psql" -qtA "$DATABASE_URL" -c 'SHOW synchronous_commit')) |"
  echo "| Redis | $(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p') (appendonly yes) |"
  echo "| Boost | $(dpkg-query -W -f='${Version}' libboost-dev 2>/dev/null || echo unknown) |"
}

# Setting $1 as serve and the workers ran with it: the run's value, or the binary's default
# (from its --help, so that the report never repeats a default that has since changed).
setting_of() {
  if [ -n "${!1:-}" ]; then
    echo "${!1}"
    return 0
  fi
  local default
  default=$("$ORCAZAP" worker --help 2>/dev/null | awk -v name="$1" '
    $1 == name { getline; if (match($0, /\(default: [^)]*\)$/)) print substr($0, RSTART + 10, RLENGTH - 11) }')
  echo "${default:-unknown} (default)"
}

bench_commands() {
  echo '```sh'
  cut -f2- "$OUT/commands.tsv" 2>/dev/null
  echo '```'
}

write_report() {
  cat <<EOF
# OrcaZap benchmarks

Written by \`bench/run\` on $(date -u '+%Y-%m-%d %H:%M UTC'); do not edit by hand.
$(bench_protocol_note)

Each figure is the median over runs, with the spread (min – max); every run starts from a
freshly created, migrated and seeded database (in a PostgreSQL cluster created for this
invocation of bench/run) and an empty Redis. The load generator
(\`orcazap-bench\`), PostgreSQL, Redis, the Graph API stand-in, \`orcazap serve\` and the
workers all share this machine's cores. Raw figures (one JSON line per measurement) and logs:
\`${OUT#"$OZ_ROOT"/}\`.

## Machine

$(bench_machine)

## Versions

$(bench_versions)

## Settings

serve and worker run with \`ORCAZAP_ENV=production\` (JSON logs to a file), \`LOG_LEVEL=info\`,
\`WEBHOOK_RATE_PER_SECOND=100000\` and \`WEBHOOK_RATE_BURST=100000\` (the per-address rate limit
would otherwise answer 429), \`HTTP_THREADS=$(setting_of HTTP_THREADS)\`,
\`DATABASE_POOL_SIZE=$(setting_of DATABASE_POOL_SIZE)\`, \`WORKER_THREADS=$(setting_of WORKER_THREADS)\`;
everything else at its default.
Knobs of this run: BENCH_RUNS=$RUNS, BENCH_SECONDS=$INGEST_SECONDS,
BENCH_E2E_ORDERS=$E2E_ORDERS, BENCH_E2E_CUSTOMERS=$E2E_CUSTOMERS,
BENCH_LATENCY_RATE=$LATENCY_RATE, BENCH_LATENCY_SECONDS=$LATENCY_SECONDS,
BENCH_EXTRACT_SECONDS=$EXTRACT_SECONDS, BENCH_STATUSES=$STATUSES,
BENCH_PG_STATEMENTS=$PG_STATEMENTS.

## Commands

The first run of each measurement, as \`bench/run\` ran it (\`\$WEBHOOK_URL\` and
\`\$STANDIN_URL\` are the loopback addresses of that run's serve and stand-in):

$(bench_commands)

## 1. Webhook ingestion

Distinct, correctly signed webhooks (each a complete order from a new customer, with a unique
message id) over keep-alive connections, for $INGEST_SECONDS s after 1 s of warm-up; requests/s
counts 200 answers. The ceiling is \`pgbench\` running kInsertInbound
(src/adapters/postgres/webhook_store.cc) with the same number of connections against the same
PostgreSQL, in pgbench's \`-M $PGBENCH_MODE\` query mode (serve prepares its statements once per
connection, so \`prepared\` is the like-for-like ceiling); the ratio is taken per run. The
slowest disk flush is that of an 8 KiB write and fdatasync timed every 20 ms in PostgreSQL's
filesystem during the run (serve answers each webhook after its commit's WAL flush).

$(bench_table_head)
$(bench_row "ingestion, 16 connections, worker stopped: requests/s" ingest-16-alone requests_per_s 0)
$(bench_row "ingestion, 16 connections, worker stopped: p50 ms" ingest-16-alone p50_ms 2)
$(bench_row "ingestion, 16 connections, worker stopped: p99 ms" ingest-16-alone p99_ms 2)
$(bench_row "ceiling (pgbench), 16 connections: inserts/s" pgbench-16 tps 0)
$(bench_row "ceiling (pgbench), 16 connections: p99 ms" pgbench-16 p99_ms 2)
$(bench_row "ingestion ÷ ceiling, 16 connections: %" ratio-16 ratio_pct 1)
$(bench_row "ingestion, 64 connections, worker stopped: requests/s" ingest-64-alone requests_per_s 0)
$(bench_row "ingestion, 64 connections, worker stopped: p50 ms" ingest-64-alone p50_ms 2)
$(bench_row "ingestion, 64 connections, worker stopped: p99 ms" ingest-64-alone p99_ms 2 "<= 20 ms" "<=" 20)
$(bench_row "ceiling (pgbench), 64 connections: inserts/s" pgbench-64 tps 0)
$(bench_row "ceiling (pgbench), 64 connections: p99 ms" pgbench-64 p99_ms 2)
$(bench_row "ingestion ÷ ceiling, 64 connections: %" ratio-64 ratio_pct 1 ">= 70 %" ">=" 70)
$(bench_row "ingestion, 16 connections, worker running: requests/s" ingest-16-worker requests_per_s 0)
$(bench_row "ingestion, 16 connections, worker running: p99 ms" ingest-16-worker p99_ms 2)
$(bench_row "ingestion, 64 connections, worker running: requests/s" ingest-64-worker requests_per_s 0)
$(bench_row "ingestion, 64 connections, worker running: p99 ms" ingest-64-worker p99_ms 2 "<= 20 ms" "<=" 20)
$(bench_row "ingestion, 64 connections, worker stopped: slowest disk flush ms" ingest-64-alone disk_flush_max_ms 1)
$(bench_row "ingestion, 64 connections, worker running: slowest disk flush ms" ingest-64-worker disk_flush_max_ms 1)

## 2. End to end

$E2E_ORDERS complete orders from $E2E_CUSTOMERS customers posted over 16 connections as fast as
they are accepted; the time runs from the first POST to the last quote received by the Graph
stand-in. A customer with an open quote who orders again is handed to a person, so each
customer declines its quote ("não, obrigado", answered with a short text) before its next
order: $E2E_ORDERS orders take $((2 * E2E_ORDERS - E2E_CUSTOMERS)) messages when the orders
divide evenly.

$(bench_table_head)
$(bench_row "1 worker: quotes/s" e2e-1 quotes_per_s 0 ">= 1000/s" ">=" 1000)
$(bench_row "1 worker: webhooks accepted/s while posting" e2e-1 posts_per_s 0)
$(bench_row "2 workers: quotes/s" e2e-2 quotes_per_s 0 ">= 1000/s" ">=" 1000)
$(bench_row "2 workers: webhooks accepted/s while posting" e2e-2 posts_per_s 0)
$(bench_incomplete_note e2e-1)
$(bench_incomplete_note e2e-2)

Latency: complete orders from new customers at $LATENCY_RATE/s for $LATENCY_SECONDS s (open
loop, 1 worker), from when each POST was due to the stand-in's received_at_ms of its quote
(millisecond clock).

$(bench_table_head)
$(bench_row "webhook POST to quote: p50 ms" latency p50_ms 1)
$(bench_row "webhook POST to quote: p99 ms" latency p99_ms 1 "<= 20 ms" "<=" 20)
$(bench_row "webhook POST answered: p99 ms" latency post_p99_ms 2)
$(bench_incomplete_note latency)

Every commit of serve, and the worker's mark before each send, waits for PostgreSQL's WAL flush,
so a slow flush of the disk delays every order waiting at that moment. Each run also timed an
8 KiB write and fdatasync in PostgreSQL's filesystem every 20 ms (\`--disk-probe\`); an order
counts as "during a disk flush over 20 ms" when one overlapped its wait. Each run starts serve and
the worker anew, so its first second also measures a start (new PostgreSQL backends, the store's
catalog loaded by the first job): its slow orders are counted on their own. Per order:
\`latency-timeline-RUN.jsonl\` in the results folder.

$(bench_latency_runs)

## 3. Memory

RSS from /proc/PID/status of serve and of the worker in the end-to-end run with 1 worker: idle
(1 s after READY, before the load), at the end of the load (every quote received), and the
peak during the load (VmHWM). Also serve's peak after ingestion at 64 connections.

$(bench_table_head)
$(bench_row "serve idle: MB" e2e-1 serve_rss_idle_mb 1 "<= 20 MB" "<=" 20)
$(bench_row "serve end of load: MB" e2e-1 serve_rss_load_mb 1 "<= 64 MB" "<=" 64)
$(bench_row "serve peak (VmHWM): MB" e2e-1 serve_peak_mb 1 "<= 64 MB" "<=" 64)
$(bench_row "serve peak after ingestion, 64 connections: MB" ingest-64-alone serve_peak_mb 1 "<= 64 MB" "<=" 64)
$(bench_row "worker idle: MB" e2e-1 worker_rss_idle_mb 1 "<= 20 MB" "<=" 20)
$(bench_row "worker end of load: MB" e2e-1 worker_rss_load_mb 1 "<= 64 MB" "<=" 64)
$(bench_row "worker peak (VmHWM): MB" e2e-1 worker_peak_mb 1 "<= 64 MB" "<=" 64)

## 4. Start

From exec to READY=1 on NOTIFY_SOCKET (a unix datagram socket of \`orcazap-bench ready\`), with
PostgreSQL and Redis up; serve with \`HTTP_LISTEN=127.0.0.1:0\`.

$(bench_table_head)
$(bench_row "serve: ms" ready-serve ready_ms 1 "<= 200 ms" "<=" 200)
$(bench_row "worker: ms" ready-worker ready_ms 1 "<= 200 ms" "<=" 200)

## 5. Extraction and pricing

The core of \`orcazap parse\` (extraction, missing fields, pricing and the reply text) in one
thread, in-process, over every message of tests/golden/extraction/*.txt repeated for
$EXTRACT_SECONDS s, with that folder's catalog and freight and tests/golden/parse/rules.json.
The catalog's matcher is prepared once, as the worker keeps it per catalog version.

$(bench_table_head)
$(bench_row "extraction + pricing + reply: messages/s" extract messages_per_s 0)
$(bench_row "extraction alone: messages/s" extract extract_only_per_s 0)

## 6. Where the time goes

CPU time per unit of work by process, from /proc/PID/stat (user + system) before and after each
measurement: per webhook for ingestion at 64 connections with the worker stopped (the 1 s
warm-up is included, so these run a few percent high), and per inbound message (orders and
declines) end to end. "generator" is orcazap-bench. With 2 cores, 2,000,000 µs of CPU per
second is all there is: the total bounds the rate.

| µs of CPU per unit | serve | PostgreSQL | Redis | worker(s) | stand-in | generator | total |
|---|---:|---:|---:|---:|---:|---:|---:|
$(bench_cpu_row "ingestion, 64 connections (per webhook)" ingest-64-alone)
$(bench_cpu_row "end to end, 1 worker (per message)" e2e-1)
$(bench_cpu_row "end to end, 2 workers (per message)" e2e-2)

What those times allow end to end: $(nproc) cores × 1,000,000 µs a second ÷ the CPU time per
message × quotes per message. 1,000 quotes/s on $(nproc) cores leaves $(bench_budget e2e-1) µs of
CPU per message for every process together. The second column is the bound PostgreSQL's own work
sets, as if serve, the workers, Redis, the stand-in and the generator cost nothing.

| end to end | quotes/s the CPU time per message allows | quotes/s PostgreSQL's share alone allows |
|---|---:|---:|
$(bench_bound_row "1 worker" e2e-1)
$(bench_bound_row "2 workers" e2e-2)

The work PostgreSQL was given per inbound message end to end (pg_stat_database,
pg_stat_user_tables and the WAL position before and after; medians): unlike CPU time, these do
not move with the machine's other load, so they compare changes between runs. Commits count
every transaction, including each statement run outside one.

| per message | WAL bytes | commits | rows inserted | rows updated | of them HOT |
|---|---:|---:|---:|---:|---:|
$(bench_pg_work_row "end to end, 1 worker" e2e-1)
$(bench_pg_work_row "end to end, 2 workers" e2e-2)

$(cat "$OZ_ROOT/bench/ANALYSIS.md")
EOF
}

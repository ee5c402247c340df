# shellcheck shell=bash
# Processes and measurements for bench/run (sourced). Expects OZ_ROOT, OZ_PG_BIN, OUT, LOGS,
# ORCAZAP, BENCH, REDIS_PORT, DATABASE_URL, OZ_DATABASE_ADMIN_URL and WHATSAPP_APP_SECRET.
#
# Each measurement appends one JSON line (the tool's figures plus "run" and any extra fields)
# to $OUT/NAME.jsonl; bench/report.sh summarises those files.

STANDIN_PID=
SERVE_PID=
WORKER_PIDS=()

bench_die() {
  echo "bench: $*" >&2
  exit 1
}

# Retries "$@" every 0.1 s, up to $1 times.
bench_wait_for() {
  local tries=$1
  shift
  for _ in $(seq 1 "$tries"); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

# A loopback port nobody listens on, from $1 upwards.
bench_free_port() {
  local port
  for port in $(seq "$1" $(($1 + 500))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# The Graph stand-in; with STATUSES=1 it reports each message's statuses to $WEBHOOK_URL.
bench_start_standin() {
  local statuses=()
  [ "${STATUSES:-0}" = 1 ] && statuses=(--status-webhook "$WEBHOOK_URL")
  rm -f "$OUT/standin.port"
  "$(dirname "$ORCAZAP")/orcazap-graph-standin" --listen 127.0.0.1:0 \
    --port-file "$OUT/standin.port" --quiet ${statuses[@]+"${statuses[@]}"} \
    >>"$LOGS/graph-standin.log" 2>&1 &
  STANDIN_PID=$!
  bench_wait_for 100 test -s "$OUT/standin.port" || bench_die "the Graph stand-in did not start"
  STANDIN_URL="http://127.0.0.1:$(cat "$OUT/standin.port")"
}

bench_stop() {
  local pid
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

bench_stop_orcazap() {
  bench_stop ${SERVE_PID:+"$SERVE_PID"} ${WORKER_PIDS[@]+"${WORKER_PIDS[@]}"}
  SERVE_PID=
  WORKER_PIDS=()
}

bench_stop_all() {
  bench_stop_orcazap
  bench_stop ${STANDIN_PID:+"$STANDIN_PID"}
  STANDIN_PID=
}

# A fresh database (created, migrated, seeded with the demo store), an empty Redis and an empty
# stand-in; serve and workers are stopped first.
bench_reset() {
  bench_stop_orcazap
  "$OZ_PG_BIN/dropdb" --if-exists --force --maintenance-db="$OZ_DATABASE_ADMIN_URL" \
    orcazap_bench 2>>"$LOGS/setup.log"
  "$OZ_PG_BIN/createdb" --maintenance-db="$OZ_DATABASE_ADMIN_URL" orcazap_bench
  "$ORCAZAP" migrate up >>"$LOGS/setup.log" 2>&1 || bench_die "migrate failed; see $LOGS/setup.log"
  "$ORCAZAP" seed >>"$LOGS/setup.log" 2>&1 || bench_die "seed failed; see $LOGS/setup.log"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" FLUSHALL >/dev/null
  curl -fsS -X DELETE "$STANDIN_URL/_standin/messages" >/dev/null
  # The dropped database's files and everything the last run wrote reach the disk now, not
  # during the next measurement (whose commits would wait behind that writeback).
  sync
}

# serve on $SERVE_PORT, whose $WEBHOOK_URL bench/run sets once per bench run.
bench_start_serve() {
  HTTP_LISTEN="127.0.0.1:$SERVE_PORT" "$ORCAZAP" serve >>"$LOGS/serve.log" 2>&1 &
  SERVE_PID=$!
  bench_wait_for 200 curl -fsS "http://127.0.0.1:$SERVE_PORT/ready" ||
    bench_die "serve did not become ready; see $LOGS/serve.log"
}

# Starts $1 workers and waits until each has logged that it is ready.
bench_start_workers() {
  local i log before
  for i in $(seq 1 "$1"); do
    log="$LOGS/worker-$i.log"
    touch "$log"
    before=$(wc -l <"$log")
    "$ORCAZAP" worker >>"$log" 2>&1 &
    WORKER_PIDS+=($!)
    bench_wait_for 200 bash -c "tail -n +$((before + 1)) '$log' | grep -q '\"msg\":\"ready\"'" ||
      bench_die "worker $i did not become ready; see $log"
  done
}

# "12.3": field $2 (VmRSS, VmHWM) of process $1 in MB.
bench_memory_mb() {
  awk -v field="$2:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# The largest field $1 among the workers.
bench_workers_memory_mb() {
  local pid value most=0
  for pid in "${WORKER_PIDS[@]}"; do
    value=$(bench_memory_mb "$pid" "$1")
    most=$(awk -v a="$most" -v b="$value" 'BEGIN { print (b > a ? b : a) }')
  done
  echo "$most"
}

# JSON fields: RSS of serve and of the largest worker now ($1 names the moment), and with
# $1 = load also their peaks (VmHWM).
bench_memory_json() {
  printf '"serve_rss_%s_mb":%s' "$1" "$(bench_memory_mb "$SERVE_PID" VmRSS)"
  if [ ${#WORKER_PIDS[@]} -gt 0 ]; then
    printf ',"worker_rss_%s_mb":%s' "$1" "$(bench_workers_memory_mb VmRSS)"
  fi
  if [ "$1" = load ]; then
    printf ',"serve_peak_mb":%s' "$(bench_memory_mb "$SERVE_PID" VmHWM)"
    if [ ${#WORKER_PIDS[@]} -gt 0 ]; then
      printf ',"worker_peak_mb":%s' "$(bench_workers_memory_mb VmHWM)"
    fi
  fi
}

# Keeps the first command line of each measurement NAME, with paths relative to the checkout
# and the secret and URLs as variables, for the report.
bench_record_command() {
  local name=$1 line
  shift
  grep -q "^$name	" "$OUT/commands.tsv" 2>/dev/null && return 0
  line=$(printf '%q ' "$@")
  line=${line//"$OZ_ROOT/"/}
  line=${line//"$WHATSAPP_APP_SECRET"/\$WHATSAPP_APP_SECRET}
  [ -n "${WEBHOOK_URL:-}" ] && line=${line//"$WEBHOOK_URL"/\$WEBHOOK_URL}
  [ -n "${STANDIN_URL:-}" ] && line=${line//"$STANDIN_URL"/\$STANDIN_URL}
  line=${line//"$DATABASE_URL"/\$DATABASE_URL}
  [ -n "${TENANT_ID:-}" ] && line=${line//"$TENANT_ID"/\$TENANT_ID}
  [ -n "${CHANNEL_ID:-}" ] && line=${line//"$CHANNEL_ID"/\$CHANNEL_ID}
  [ -n "${HTTP_LISTEN:-}" ] && line="HTTP_LISTEN=$HTTP_LISTEN $line"
  printf '%s\t%s\n' "$name" "${line% }" >>"$OUT/commands.tsv"
}

# measure NAME EXTRA_FIELDS COMMAND...: runs an orcazap-bench command and keeps its figures.
measure() {
  local name=$1 extra=$2 line status=0
  shift 2
  bench_record_command "$name" "$@"
  line=$("$@" 2>>"$LOGS/$name.err") || status=$?
  if [ -z "$line" ]; then
    echo "bench: $name failed (exit $status); see $LOGS/$name.err" >&2
    return 0
  fi
  [ "$status" -eq 0 ] || echo "bench: $name: incomplete (exit $status): $line" >&2
  echo "${line%\}},$extra}" >>"$OUT/$name.jsonl"
}

# Adds JSON fields to the last line of $OUT/$1.jsonl.
append_fields() {
  [ -s "$OUT/$1.jsonl" ] && [ -n "$2" ] || return 0
  sed -i "\$ s|}\$|,$2}|" "$OUT/$1.jsonl"
}

# The value of "KEY" ($3) in the line of run $2 of $OUT/$1.jsonl.
json_value() {
  grep -h "\"run\":$2[,}]" "$OUT/$1.jsonl" 2>/dev/null | grep -o "\"$3\":[-0-9.e+]*" | head -1 |
    cut -d: -f2
}

# ratio A B KEY_A KEY_B NAME RUN: A's KEY_A as a percentage of B's KEY_B, for one run.
ratio() {
  local a b
  a=$(json_value "$1" "$6" "$3")
  b=$(json_value "$2" "$6" "$4")
  [ -n "$a" ] && [ -n "$b" ] || return 0
  awk -v a="$a" -v b="$b" -v run="$6" \
    'BEGIN { if (b > 0) printf "{\"ratio_pct\":%.1f,\"run\":%s}\n", 100 * a / b, run }' \
    >>"$OUT/$5.jsonl"
}

# The pgbench script: kInsertInbound as written in webhook_store.cc, its parameters turned into
# pgbench variables, the message id made unique per transaction.
bench_pgbench_script() {
  local sql
  sql=$(sed -n '/kInsertInbound\[\] = R"sql(/,/)sql";/p' \
    "$OZ_ROOT/src/adapters/postgres/webhook_store.cc" | sed '1d; s/)sql";$//')
  [[ "$sql" == *"INSERT INTO messages"*"ON CONFLICT"* ]] ||
    bench_die "kInsertInbound not found in src/adapters/postgres/webhook_store.cc"
  echo '\set n random(1, 1000000000000)'
  printf '%s;\n' "$sql" |
    sed -e "s/\\\$3\\b/('wamid.pgbench.' || :client_id::text || '.' || :n::text)/" \
      -e 's/\$\([1-9]\)/:p\1/g'
}

# p50 and p99 in ms of the latencies (µs, third column) in pgbench's transaction logs $1*.
bench_pgbench_percentiles() {
  cat "$1"* | awk '{ print $3 / 1000 }' | sort -g | awk '
    function at(p,   i) { i = int(NR * p); if (i < NR * p) i++; if (i < 1) i = 1; return v[i] }
    { v[NR] = $1 }
    END { if (NR == 0) print 0, 0; else printf "%.3f %.3f\n", at(0.50), at(0.99) }'
}

# measure_pgbench NAME RUN CONNECTIONS SECONDS: the ceiling, kInsertInbound alone.
measure_pgbench() {
  local name=$1 run=$2 conns=$3 seconds=$4 dir="$OUT/pgbench-log" ids tps count p50 p99
  [ -s "$OUT/pgbench-insert.sql" ] || bench_pgbench_script >"$OUT/pgbench-insert.sql"
  ids=$("$OZ_PG_BIN/psql" -qtA "$DATABASE_URL" -c \
    "SELECT tenant_id, id FROM channels WHERE phone_number_id = '106540352242922'")
  TENANT_ID=${ids%|*}
  CHANNEL_ID=${ids#*|}
  rm -rf "$dir"
  mkdir -p "$dir"
  local order='Bom dia! Quero 10 sacos de cimento e 2 metros de areia, entrega no Centro amanhã, pago no pix'
  local command=("$OZ_PG_BIN/pgbench" -n -M "$PGBENCH_MODE" -c "$conns" -j "$(nproc)" -T "$seconds"
    -f "$OUT/pgbench-insert.sql" -D "p1=$TENANT_ID" -D "p2=$CHANNEL_ID" -D p4=5500000000000
    -D "p5=Cliente pgbench" -D p6=text -D "p7=$order"
    -D "p8={\"from\":\"5500000000000\",\"id\":\"wamid.pgbench\",\"timestamp\":\"1767261600\",\"type\":\"text\",\"text\":{\"body\":\"$order\"}}"
    -D p9=1767261600 -l --log-prefix "$dir/tx" "$DATABASE_URL")
  bench_record_command "$name" "${command[@]}"
  if ! "${command[@]}" >"$LOGS/$name.out" 2>&1 || grep -q aborted "$LOGS/$name.out"; then
    echo "bench: pgbench failed; see $LOGS/$name.out" >&2
    return 0
  fi
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$LOGS/$name.out")
  count=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' \
    "$LOGS/$name.out")
  read -r p50 p99 < <(bench_pgbench_percentiles "$dir/tx")
  printf '{"benchmark":"pgbench","connections":%s,"seconds":%s,"transactions":%s,"tps":%s,' \
    "$conns" "$seconds" "$count" "$tps" >>"$OUT/$name.jsonl"
  printf '"p50_ms":%s,"p99_ms":%s,"run":%s}\n' "$p50" "$p99" "$run" >>"$OUT/$name.jsonl"
  rm -rf "$dir"
}

# CPU time (clock ticks, user + system) so far of process $1, including its reaped children.
bench_ticks() {
  awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# PostgreSQL's CPU ticks: the postmaster, its reaped children and every live backend.
bench_pg_ticks() {
  local postmaster total child
  postmaster=$(head -n 1 "$STATE/postgres/postmaster.pid")
  total=$(bench_ticks "$postmaster")
  for child in $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# "serve pg redis workers standin generator" CPU ticks now; the generator is this shell's
# reaped children (orcazap-bench runs as one).
bench_cpu_snapshot() {
  local workers=0 pid
  for pid in ${WORKER_PIDS[@]+"${WORKER_PIDS[@]}"}; do workers=$((workers + $(bench_ticks "$pid"))); done
  echo "$(bench_ticks "$SERVE_PID") $(bench_pg_ticks) $(bench_ticks "$(pgrep -f "redis-server.*:$REDIS_PORT\$" | head -n 1)") $workers $(bench_ticks "$STANDIN_PID") $(awk '{ print $16 + $17 }' /proc/$$/stat)"
}

# JSON fields "cpu_us_per_unit_PROCESS": the CPU time each process spent between snapshot $1
# and now, per unit of work ($2 units: webhooks, quotes).
bench_cpu_json() {
  local before=$1 units=$2 after
  after=$(bench_cpu_snapshot)
  awk -v b="$before" -v a="$after" -v n="$units" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    split("serve postgres redis workers standin generator", name, " ")
    for (i = 1; i <= 6; i++) {
      printf "%s\"cpu_us_%s\":%.0f", (i > 1 ? "," : ""), name[i], (n > 0 ? (y[i] - x[i]) * 1e6 / hz / n : 0)
      total += y[i] - x[i]
    }
    printf ",\"cpu_us_total\":%.0f", (n > 0 ? total * 1e6 / hz / n : 0)
  }'
}

# "wal_bytes commits rows_inserted rows_updated rows_hot_updated" of the bench database so far:
# the work PostgreSQL was given, which unlike CPU time does not depend on the machine's load.
# Backends report their counts when their transaction ends (at most once a second) or when they
# exit, so the processes that used the database are stopped before the snapshot after a
# measurement is taken.
bench_pg_work_snapshot() {
  "$OZ_PG_BIN/psql" -qtAX -F ' ' "$DATABASE_URL" -c "
    SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint,
           (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
           COALESCE(sum(n_tup_ins), 0), COALESCE(sum(n_tup_upd), 0),
           COALESCE(sum(n_tup_hot_upd), 0)
      FROM pg_stat_user_tables"
}

# With BENCH_PG_STATEMENTS=1: the statements of this database since it was created, the most
# time-consuming first, with calls and execution time per message ($1 messages); foreign-key
# checks show as the SELECT ... FOR KEY SHARE they run. Execution time is the backends' wall
# time, which includes waiting for a core on a busy machine.
bench_pg_statements() {
  if [ -z "$1" ] || [ "$1" -le 0 ]; then
    echo "no messages measured"
    return 0
  fi
  "$OZ_PG_BIN/psql" -qX "$DATABASE_URL" -v messages="$1" <<'SQL'
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT round(calls::numeric / :messages, 2) AS calls_per_message,
       round((total_exec_time * 1000 / :messages)::numeric, 1) AS exec_us_per_message,
       round((total_exec_time * 1000 / calls)::numeric, 1) AS exec_us_per_call,
       round(rows::numeric / calls, 2) AS rows_per_call,
       left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS statement
  FROM pg_stat_statements
 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND query NOT LIKE '%pg_stat_statements%'
   AND calls * 100 >= :messages  -- leaves out the schema's creation and the seed
 ORDER BY total_exec_time DESC
 LIMIT 40;
SQL
}

# JSON fields "pg_PER_unit": PostgreSQL's work between snapshot $1 and now, per unit ($2 units).
# Call it once the processes that used the database are stopped (see bench_pg_work_snapshot).
bench_pg_work_json() {
  local before=$1 units=$2 after
  after=$(bench_pg_work_snapshot)
  awk -v b="$before" -v a="$after" -v n="$units" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    split("wal_bytes commits rows_inserted rows_updated rows_hot_updated", name, " ")
    for (i = 1; i <= 5; i++) {
      printf "%s\"pg_%s\":%.2f", (i > 1 ? "," : ""), name[i], (n > 0 ? (y[i] - x[i]) / n : 0)
    }
  }'
}

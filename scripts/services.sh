# Private PostgreSQL 15 and Redis 7 under a project-local state folder, on loopback.
# Sourced by scripts/run and scripts/test (and bench/run). Works as root (the servers then run
# as the `postgres` system user, since initdb and postgres refuse root) and as a normal user.
#
#   oz_services_start STATE_DIR PG_PORT REDIS_PORT   starts both (reusing existing data)
#   oz_services_stop  STATE_DIR                      stops both
#   oz_postgres_start STATE_DIR PG_PORT / oz_postgres_stop STATE_DIR   PostgreSQL alone
# After start: OZ_DATABASE_URL, OZ_DATABASE_ADMIN_URL and OZ_REDIS_URL are exported.

OZ_PG_BIN=${OZ_PG_BIN:-/usr/lib/postgresql/15/bin}

oz_as_service_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

oz_postgres_start() {
  local state=$1 port=$2 data="$1/postgres"
  mkdir -p "$state"
  chmod 755 "$state"
  if [ ! -s "$data/PG_VERSION" ]; then
    rm -rf "$data"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    oz_as_service_user "$OZ_PG_BIN/initdb" -D "$data" -U orcazap --auth=trust -E UTF8 \
      --locale=C.UTF-8 >"$state/initdb.log" 2>&1 ||
      { cat "$state/initdb.log" >&2; return 1; }
  fi
  if ! oz_as_service_user "$OZ_PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    oz_as_service_user "$OZ_PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c max_connections=200 -c fsync=${OZ_PG_FSYNC:-on} ${OZ_PG_OPTIONS:-}" \
      start >/dev/null || { tail -20 "$data/server.log" >&2; return 1; }
  fi
  local tries=0
  until "$OZ_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1)); [ $tries -gt 100 ] && { echo "PostgreSQL did not start" >&2; return 1; }
    sleep 0.1
  done
  "$OZ_PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U orcazap -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'orcazap'" | grep -q 1 ||
    "$OZ_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U orcazap orcazap
  export OZ_DATABASE_URL="postgresql://orcazap@127.0.0.1:$port/orcazap"
  export OZ_DATABASE_ADMIN_URL="postgresql://orcazap@127.0.0.1:$port/postgres"
}

oz_redis_start() {
  local state=$1 port=$2 dir="$1/redis"
  mkdir -p "$dir"
  if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
    redis-server --port "$port" --bind 127.0.0.1 --daemonize yes --dir "$dir" \
      --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --appendonly yes \
      --save "" >/dev/null
  fi
  # PONG only once the append-only file is loaded (before that Redis answers "LOADING").
  local tries=0
  until [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; do
    tries=$((tries + 1)); [ $tries -gt 600 ] && { echo "Redis did not start" >&2; return 1; }
    sleep 0.1
  done
  export OZ_REDIS_URL="redis://127.0.0.1:$port/0"
}

oz_services_start() {
  oz_postgres_start "$1" "$2" && oz_redis_start "$1" "$3"
}

oz_postgres_stop() {
  local state=$1
  if [ -s "$state/postgres/PG_VERSION" ]; then
    oz_as_service_user "$OZ_PG_BIN/pg_ctl" -D "$state/postgres" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

oz_services_stop() {
  local state=$1
  oz_postgres_stop "$state"
  if [ -s "$state/redis/redis.pid" ]; then
    kill "$(cat "$state/redis/redis.pid")" 2>/dev/null || true
    rm -f "$state/redis/redis.pid"
  fi
}

# Configures and builds into $1 (a build folder); further arguments are targets (default: all).
oz_build() {
  local build=$1
  shift
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$OZ_ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  local targets=()
  for target in "$@"; do targets+=(--target "$target"); done
  cmake --build "$build" -j "$(nproc)" "${targets[@]}"
}

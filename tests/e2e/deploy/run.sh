#!/bin/bash
# End-to-end deployment test on a real booted systemd (Debian 12 in systemd-nspawn).
#
# Packages the build (`cmake --build BUILD --target package`), boots a cached Debian 12 root
# with PostgreSQL, Redis and nginx, runs `orcazap-deploy --local bootstrap` and `deploy` of the
# real orcazap inside it and checks what an operator relies on: units active as user orcazap; a
# signed webhook whose prompt reaches the Graph stand-in, with its request id in the journals of
# serve and the workers; a backup restored into a fresh database with the same row counts;
# Restart= after kill -9; WatchdogSec= on a hung serve; zero refused connections across
# `systemctl restart orcazap`; automatic rollback of a release that never becomes ready;
# rollback; backup retention; hardening scores; `systemd-analyze verify`; reboot.
#
# usage: run.sh --build-dir DIR [--source-dir DIR]     exit 77 = skipped (not root, no nspawn)
#        run.sh --package DEB ...    use this release package instead of packaging the build
#        run.sh --cleanup-stale                        stop what runs of a killed test left behind
# env:   ORCAZAP_E2E_CACHE    cache dir (default /var/tmp/orcazap-e2e-cache)
#        MIRROR               Debian mirror for a cold cache (default: the host's apt source)
#        KEEP=1               keep the work dir (rootfs upper layer, logs)
set -uo pipefail
if [ -z "${OZ_E2E_IN_MNTNS:-}" ] && [ "$(id -u)" = 0 ]; then
    # private mount namespace: the overlay mount disappears with this process, even on SIGKILL
    OZ_E2E_IN_MNTNS=1 exec unshare --mount --propagation private -- "$(readlink -f "$0")" "$@"
fi
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../../.." && pwd)
BUILD="" PACKAGE=""
STATE_DIR=/run/orcazap-e2e
CACHE_DIR=${ORCAZAP_E2E_CACHE:-/var/tmp/orcazap-e2e-cache}
SKIP=77

while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) BUILD=$2; shift ;;
        --source-dir) SRC=$2; shift ;;
        --package) PACKAGE=$2; shift ;;
        --cleanup-stale) CLEANUP_STALE=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (debootstrap, systemd-nspawn, overlay mounts)"; exit $SKIP; }
mkdir -p "$STATE_DIR"

# A run is recorded as "$STATE_DIR/NAME.run": "test_pid launcher_pid cgroup workdir".
cleanup_stale() {
    local f tpid lpid cg work h
    for f in "$STATE_DIR"/*.run; do
        [ -f "$f" ] || continue
        read -r tpid lpid cg work < "$f"
        [ -r /proc/"$tpid"/stat ] && [ "$(awk '{print $3}' /proc/"$tpid"/stat)" != Z ] \
            && grep -q run.sh /proc/"$tpid"/cmdline 2>/dev/null && continue
        if [ -n "$lpid" ] && grep -qF "$work" /proc/"$lpid"/cmdline 2>/dev/null; then
            echo "stale run $f: stopping container launcher $lpid"; kill -TERM "$lpid"
            for _ in $(seq 200); do kill -0 "$lpid" 2>/dev/null || break; sleep 0.1; done
            kill -0 "$lpid" 2>/dev/null && kill -KILL "$lpid"
        fi
        for h in systemd unified; do
            [ -d "/sys/fs/cgroup/$h/$cg" ] && find "/sys/fs/cgroup/$h/$cg" -depth -type d -exec rmdir {} \; 2>/dev/null
        done
        rm -rf --one-file-system "$work"; rm -f "$f"
    done
}
if [ "${CLEANUP_STALE:-0}" = 1 ]; then cleanup_stale; exit 0; fi
[ -n "$BUILD" ] || [ -n "$PACKAGE" ] || { echo "--build-dir or --package is required" >&2; exit 2; }
cleanup_stale

# ------------------------------------------------------------------ host tools
missing=()
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
command -v zstd >/dev/null || missing+=(zstd)
command -v dpkg-deb >/dev/null || missing+=(dpkg)
command -v python3 >/dev/null || missing+=(python3)
command -v bc >/dev/null || missing+=(bc)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing host packages: ${missing[*]}"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } \
        || { echo "SKIP: cannot install ${missing[*]}"; exit $SKIP; }
fi
[ -d /sys/fs/cgroup/systemd ] && [ -d /sys/fs/cgroup/unified ] \
    || { echo "SKIP: needs the cgroup v1 hybrid layout (/sys/fs/cgroup/systemd and /unified)"; exit $SKIP; }
[ "$(stat -c %a /dev/null)" = 666 ] \
    || { echo "FAIL: host /dev/null is $(stat -c %a /dev/null), not 666 (containers copy it)"; exit 1; }
FIXTURE=$SRC/tests/fixtures/whatsapp/text_message.json
[ -r "$FIXTURE" ] || { echo "FAIL: webhook fixture $FIXTURE is missing"; exit 1; }

WORK=$(mktemp -d /var/tmp/orcazap-e2e.XXXXXX)
R=$WORK/rootfs
NAME=ozE2E$$
CG=orcazap-e2e-$NAME
LAUNCHER="" LEADER=""
FAILS=0
T_START=$(date +%s.%N)
TIMINGS=()

log()  { printf '[%6.1fs] %s\n' "$(echo "$(date +%s.%N) - $T_START" | bc)" "$*"; }
pass() { log "PASS $*"; }
fail() { log "FAIL $*"; FAILS=$((FAILS + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
since() { echo "$(date +%s.%N) - $1" | bc; }
# phase NAME: close the previous phase (its duration goes into the final summary), open NAME
PHASE="" PHASE_T=""
phase() {
    [ -n "$PHASE" ] && TIMINGS+=("$(printf '%6.1fs  %s' "$(since "$PHASE_T")" "$PHASE")")
    PHASE=$1 PHASE_T=$(date +%s.%N)
    [ -n "$PHASE" ] && log "== $PHASE"
}
# inside the container: every namespace of its PID 1
C() { nsenter -t "$LEADER" -a env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
# the container's network only (host files and tools, e.g. python3 for the load client)
CN() { nsenter -t "$LEADER" -n "$@"; }
mainpid() { C systemctl show -p MainPID --value "$1"; }

stop_container() {
    [ -n "$LAUNCHER" ] && kill -0 "$LAUNCHER" 2>/dev/null || { LAUNCHER=""; return 0; }
    kill -TERM "$LAUNCHER" 2>/dev/null   # nspawn -> SIGRTMIN+3 -> clean halt
    for _ in $(seq 300); do kill -0 "$LAUNCHER" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$LAUNCHER" 2>/dev/null; then
        [ -n "$LEADER" ] && kill -KILL "$LEADER" 2>/dev/null; sleep 1; kill -KILL "$LAUNCHER" 2>/dev/null
    fi
    wait "$LAUNCHER" 2>/dev/null
    LAUNCHER="" LEADER=""
}

cleanup() {
    local rc=$?
    stop_container
    for h in systemd unified; do
        [ -d "/sys/fs/cgroup/$h/$CG" ] && find "/sys/fs/cgroup/$h/$CG" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    rm -f "$STATE_DIR/$NAME.run"
    if [ "${KEEP:-0}" = 1 ]; then log "work dir kept: $WORK"
    else mountpoint -q "$R" && umount "$R"; rm -rf --one-file-system "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "$$ - $CG $WORK" > "$STATE_DIR/$NAME.run"

# ------------------------------------------------------------------ 1. the release package
phase "package"
if [ -n "$PACKAGE" ]; then
    DEB=$PACKAGE
else
    # The build ctest runs from: `package` only runs cpack when everything is up to date.
    cmake --build "$BUILD" --target package > "$WORK/package.log" 2>&1 \
        || { tail -30 "$WORK/package.log"; fail "cmake --build $BUILD --target package"; exit 1; }
    DEB=$(sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$WORK/package.log" | tail -1)
    [ -r "$DEB" ] || { tail -5 "$WORK/package.log"; fail "no .deb named in the cpack output"; exit 1; }
fi
VERSION=$(dpkg-deb -f "$DEB" Version)
pass "package $(basename "$DEB") ($(du -k "$DEB" | cut -f1) kB), Depends: $(dpkg-deb -f "$DEB" Depends)"
listing=$(dpkg-deb -c "$DEB" | awk '{print $6}')
grep -qx "\./opt/orcazap/releases/$VERSION/bin/orcazap" <<<"$listing" \
    && grep -qx "\./opt/orcazap/releases/$VERSION/bin/orcazap-graph-standin" <<<"$listing" \
    && grep -qx "\./opt/orcazap/releases/$VERSION/share/systemd/orcazap-worker@.service" <<<"$listing" \
    && pass "package holds the release tree /opt/orcazap/releases/$VERSION/{bin,share}" \
    || fail "package layout: $listing"

# ------------------------------------------------------------------ 2. static unit checks (host)
phase "static: systemd-analyze verify + security --offline"
ST=$WORK/static; mkdir -p "$ST"
for f in "$SRC"/deploy/systemd/*; do
    sed 's#/opt/orcazap/current/bin/[a-z-]*#/bin/true#' "$f" > "$ST/$(basename "$f")"   # binaries are not on the host
done
out=$(cd "$ST" && systemd-analyze verify orcazap.socket orcazap.service orcazap-worker@1.service \
      orcazap-backup.service orcazap-backup.timer 2>&1); rc=$?
[ $rc = 0 ] && [ -z "$out" ] && pass "systemd-analyze verify: no output for the shipped units" || fail "verify rc=$rc: $out"
for u in orcazap.service orcazap-worker@.service orcazap-backup.service; do
    score=$(systemd-analyze security --offline=true "$SRC/deploy/systemd/$u" 2>/dev/null | sed -n 's/.*Overall exposure level for .*: \([0-9.]*\) .*/\1/p')
    if systemd-analyze security --offline=true --threshold=20 "$SRC/deploy/systemd/$u" >/dev/null 2>&1; then
        pass "security $u exposure $score <= 2.0"
    else fail "security $u exposure $score > 2.0"; fi
done

# ------------------------------------------------------------------ 3. release packages for the test
# A and B: the package as built, under two versions. BROKEN: B whose serve is the real binary
# pointed at a PostgreSQL port where nothing listens, so it runs but never sends READY=1.
phase "releases A, B and BROKEN from $(basename "$DEB")"
repack() {   # repack SRC_DEB NEW_VERSION OUT [broken]
    local src=$1 nv=$2 out=$3 how=${4:-} d=$WORK/repack.$2 ov
    rm -rf "$d"; dpkg-deb -R "$src" "$d"
    ov=$(sed -n 's/^Version: //p' "$d/DEBIAN/control")
    mv -T "$d/opt/orcazap/releases/$ov" "$d/opt/orcazap/releases/$nv"
    sed -i "s/^Version: .*/Version: $nv/" "$d/DEBIAN/control"
    local bin=$d/opt/orcazap/releases/$nv/bin
    if [ "$how" = broken ]; then
        mv "$bin/orcazap" "$bin/orcazap.real"
        cat > "$bin/orcazap" <<'EOF'
#!/bin/sh
# A release whose serve cannot reach PostgreSQL: it runs, answers /health, never becomes ready.
[ "$1" = serve ] && export DATABASE_URL=postgresql://orcazap:x@127.0.0.1:1/orcazap
exec "$(dirname "$0")/orcazap.real" "$@"
EOF
        chmod 755 "$bin/orcazap"
    fi
    (cd "$d" && find opt -type f -exec md5sum {} + > DEBIAN/md5sums)
    dpkg-deb -Zgzip -z1 --root-owner-group --build "$d" "$out" >/dev/null && rm -rf "$d"
}
VA=$VERSION+e2e.1 VB=$VERSION+e2e.2 VX=$VERSION+e2e.3.broken
repack "$DEB" "$VA" "$WORK/a.deb" && repack "$DEB" "$VB" "$WORK/b.deb" \
    && repack "$WORK/b.deb" "$VX" "$WORK/broken.deb" broken || { fail "repack"; exit 1; }
log "   releases $VA, $VB, $VX"

# ------------------------------------------------------------------ 4. rootfs: cache -> overlay
phase "Debian 12 root: cache -> overlay"
SUITE=bookworm
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit} /^deb /{print $2; exit}' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BASE_PKGS="systemd-sysv dbus procps iproute2 curl ca-certificates openssl postgresql redis-server nginx"
# runtime libraries from the package's Depends: (first alternative, without version)
DEB_PKGS=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[[:space:]]//g' | grep -v '^$')
EXTRA_PKGS="libhiredis0.14 libsodium23 libcurl4 libre2-9 libutf8proc2 libsystemd0 libfmt9 libboost-system1.74.0 libpq5"
PKGS=$(echo $BASE_PKGS $DEB_PKGS $EXTRA_PKGS | tr ' ' '\n' | sort -u | paste -sd, -)
KEY=$(echo "$SUITE $PKGS v1" | sha256sum | cut -c1-12)
TARBALL=$CACHE_DIR/rootfs-$SUITE-$KEY.tar.zst
GOLDEN=$CACHE_DIR/golden-$SUITE-$KEY
mkdir -p "$CACHE_DIR/debs"
if [ ! -d "$GOLDEN" ] && [ -f "$TARBALL" ]; then
    t=$(date +%s.%N)
    mkdir -p "$GOLDEN.tmp.$$" && tar -C "$GOLDEN.tmp.$$" --numeric-owner --xattrs --xattrs-include='*' -I zstd -xpf "$TARBALL" \
        && mv -T "$GOLDEN.tmp.$$" "$GOLDEN" || { rm -rf "$GOLDEN.tmp.$$"; fail "extract $TARBALL"; exit 1; }
    log "   rootfs extracted from $TARBALL in $(since "$t")s"
elif [ ! -d "$GOLDEN" ]; then
    t=$(date +%s.%N); G=$GOLDEN.tmp.$$
    log "   cache miss: debootstrap --variant=minbase --include=$PKGS $SUITE $MIRROR"
    timeout 900 debootstrap --variant=minbase --cache-dir="$CACHE_DIR/debs" --include="$PKGS" "$SUITE" "$G" "$MIRROR" > "$WORK/debootstrap.log" 2>&1 \
        || { tail -20 "$WORK/debootstrap.log"; rm -rf --one-file-system "$G"; fail "debootstrap from $MIRROR"; exit 1; }
    rm -rf "$G"/var/cache/apt/archives/*.deb "$G"/var/lib/apt/lists/* "$G"/var/log/journal/*
    : > "$G/etc/machine-id"
    tar -C "$G" --numeric-owner --xattrs --xattrs-include='*' -I 'zstd -T0 -3' -cpf "$TARBALL.tmp.$$" . && mv "$TARBALL.tmp.$$" "$TARBALL"
    mv -T "$G" "$GOLDEN"
    log "   rootfs built in $(since "$t")s: $(du -sm "$GOLDEN" | cut -f1) MB, cache tarball $(du -m "$TARBALL" | cut -f1) MB"
fi
mkdir -p "$WORK/upper" "$WORK/ovwork" "$R"
mount -t overlay overlay -o lowerdir="$GOLDEN",upperdir="$WORK/upper",workdir="$WORK/ovwork" "$R" || { fail "overlay mount"; exit 1; }
echo "$NAME" > "$R/etc/hostname"
mkdir -p "$R/root/e2e"
install -m 755 "$SRC/deploy/orcazap-deploy" "$R/root/e2e/orcazap-deploy"
cp "$WORK/a.deb" "$WORK/b.deb" "$WORK/broken.deb" "$R/root/e2e/"
cp "$FIXTURE" "$R/root/e2e/text_message.json"

# ------------------------------------------------------------------ 5. boot
boot() {
    local t; t=$(date +%s.%N)
    mkdir -p "/sys/fs/cgroup/systemd/$CG" "/sys/fs/cgroup/unified/$CG"
    (
        echo $BASHPID > "/sys/fs/cgroup/systemd/$CG/cgroup.procs"
        echo $BASHPID > "/sys/fs/cgroup/unified/$CG/cgroup.procs"
        SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 exec setsid systemd-nspawn -q -D "$R" -b -M "$NAME" \
            --register=no --keep-unit --private-network --console=pipe \
            --capability=CAP_BPF --system-call-filter=bpf </dev/null >>"$WORK/boot.log" 2>&1
    ) &
    LAUNCHER=$!
    echo "$$ $LAUNCHER $CG $WORK" > "$STATE_DIR/$NAME.run"
    for _ in $(seq 200); do
        LEADER=$(ps -o pid=,comm= --ppid "$LAUNCHER" 2>/dev/null | awk '$2=="systemd"{print $1; exit}')
        [ -n "$LEADER" ] && break; sleep 0.1
    done
    [ -n "$LEADER" ] || { tail -20 "$WORK/boot.log"; return 1; }
    # PID 1 needs a moment before it has made /run/systemd/system (until then systemctl says
    # "offline") and its bus socket ("Failed to connect"); both mean "not yet", not a verdict.
    for _ in $(seq 600); do
        state=$(timeout 180 nsenter -t "$LEADER" -a systemctl is-system-running --wait 2>&1)
        [[ "$state" == offline || "$state" == *"Failed to connect"* ]] || break
        sleep 0.1
    done
    log "   booted in $(since "$t")s: $state"
    [ "$state" = running ] || { tail -40 "$WORK/boot.log"; return 1; }
}
phase "boot Debian 12 with systemd as PID 1"
boot && pass "container boots: is-system-running = running" \
    || { fail "boot: $(C systemctl --failed --no-legend 2>&1)"; exit 1; }

# ------------------------------------------------------------------ 6. bootstrap (twice) + deploy
phase "orcazap-deploy --local bootstrap (twice)"
GRAPH_PORT=9099   # the Graph stand-in, on the container's own loopback
PANEL_DOMAIN=loja-teste.local   # --server-name: nginx's server_name and the panel's base domain
BOOTSTRAP=(--local bootstrap --workers 2 --server-name "$PANEL_DOMAIN" --set GRAPH_API_BASE=http://127.0.0.1:$GRAPH_PORT)
t=$(date +%s.%N)
C /root/e2e/orcazap-deploy "${BOOTSTRAP[@]}" > "$WORK/bootstrap1.log" 2>&1 \
    && pass "bootstrap in $(since "$t")s" || { cat "$WORK/bootstrap1.log"; fail "bootstrap"; exit 1; }
sed 's/^/     /' "$WORK/bootstrap1.log"
snapshot() {
    C sh -c 'cd / && find etc/orcazap etc/redis etc/postgresql etc/systemd etc/nginx usr/local/lib var/backups/orcazap -xdev \
        \( -type f -o -type l \) -exec stat -c "%n %a %U:%G %Y" {} + | sort; md5sum etc/orcazap/* etc/redis/* 2>/dev/null;
        systemctl show -p MainPID --value postgresql@15-main redis-server nginx' 2>/dev/null
}
before=$(snapshot)
t=$(date +%s.%N)
C /root/e2e/orcazap-deploy "${BOOTSTRAP[@]}" > "$WORK/bootstrap2.log" 2>&1; rc=$?
after=$(snapshot)
if [ $rc = 0 ] && [ "$before" = "$after" ] && ! grep -Eqi 'wrote|created|generated|changed|reset|install' "$WORK/bootstrap2.log"; then
    pass "second bootstrap (${rc}, $(since "$t")s) changed nothing: same files, modes, mtimes, service PIDs"
else fail "second bootstrap not idempotent (rc=$rc): $(cat "$WORK/bootstrap2.log"; diff <(echo "$before") <(echo "$after"))"; fi
check "env file is 0640 root:orcazap and holds no empty secret" \
    C sh -c '[ "$(stat -c %a:%U:%G /etc/orcazap/orcazap.env)" = 640:root:orcazap ] && ! grep -Eq "^(DATABASE_URL|REDIS_URL|SECRET_KEY|WHATSAPP_APP_SECRET)=.*(:@|=$)" /etc/orcazap/orcazap.env'
grep -Eq '[0-9a-f]{32}' "$WORK/bootstrap1.log" "$WORK/bootstrap2.log" && fail "bootstrap printed something that looks like a secret" \
    || pass "bootstrap output holds no secret"
redis_locked() {
    C redis-cli -h 127.0.0.1 ping 2>&1 | grep -q NOAUTH || { echo "redis answers without a password"; return 1; }
    local addrs; addrs=$(C ss -Hltn 'sport = :6379' | awk '{print $4}' | sort -u | paste -sd' ')
    [ -n "$addrs" ] && ! grep -Eqv '^(127\.0\.0\.1|\[::1\]):6379$' <<<"${addrs// /$'\n'}" || { echo "redis listens on $addrs"; return 1; }
}
check "Redis requires the password and listens on loopback only" redis_locked
check "PostgreSQL role orcazap logs in with the generated password" \
    C sh -c '. /etc/orcazap/secrets && PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -U orcazap -d orcazap -Atc "select current_user" | grep -qx orcazap'

deploy() {   # deploy PACKAGE LOG [extra options]
    local p=$1 l=$2; shift 2
    C /root/e2e/orcazap-deploy --local deploy "$@" "/root/e2e/$p" > "$WORK/$l" 2>&1
}
phase "deploy $VA"
t=$(date +%s.%N)
deploy a.deb deploy-a.log && pass "deploy $VA in $(since "$t")s" || { cat "$WORK/deploy-a.log"; fail "deploy $VA"; exit 1; }
sed 's/^/     /' "$WORK/deploy-a.log"

# ------------------------------------------------------------------ 7. units, users
phase "units, users, sandbox"
UNITS_UP="orcazap.socket orcazap.service orcazap-worker@1.service orcazap-worker@2.service postgresql.service redis-server.service nginx.service orcazap-backup.timer"
# A unit that is not active is shown with its status and this boot's journal lines, so that a
# failure says why.
all_active() {
    local u
    for u in $UNITS_UP; do
        [ "$(C systemctl is-active "$u")" = active ] && continue
        echo "$u: $(C systemctl is-active "$u")"
        C systemctl status --no-pager -n 0 "$u" 2>&1 | sed 's/^/       /'
        C journalctl -b --no-pager -o short-precise -u "$u" -n 20 2>&1 | sed 's/^/       /'
        return 1
    done
}
check "units active: $UNITS_UP" all_active
system_running() {
    local state; state=$(C systemctl is-system-running --wait 2>&1)
    [ "$state" = running ] || { echo "is-system-running = $state; failed: $(C systemctl --failed --no-legend)"; return 1; }
}
check "is-system-running = running after deploy" system_running
users_ok() {
    local u pid who
    for u in orcazap.service orcazap-worker@1.service orcazap-worker@2.service; do
        pid=$(mainpid "$u")
        [ "${pid:-0}" -gt 1 ] || { echo "$u has no MainPID"; return 1; }
        who=$(C ps -o user= -p "$pid")
        [ "$who" = orcazap ] || { echo "$u runs as $who"; return 1; }
    done
}
check "serve and workers run as user orcazap" users_ok
serves() {   # serves VERSION: serve's main process is that release's binary and /ready answers 200
    local pid exe; pid=$(mainpid orcazap.service)
    exe=$(C readlink "/proc/${pid:-0}/exe")
    [ "$exe" = "/opt/orcazap/releases/$1/bin/orcazap" ] || { echo "serve (PID $pid) runs '$exe', not release $1"; return 1; }
    C curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:8000/ready || { echo "GET /ready did not answer 200"; return 1; }
}
check "the real orcazap $VA serves: /proc/MainPID/exe is its binary, GET /ready = 200 through the socket" serves "$VA"
check "GET /health through nginx (:80)" \
    C curl -fsS -o /dev/null --max-time 5 -H "Host: api.$PANEL_DOMAIN" http://127.0.0.1/health
check "the first bootstrap's --server-name is the panel's base domain (PANEL_BASE_DOMAIN=$PANEL_DOMAIN)" \
    C grep -qx "PANEL_BASE_DOMAIN=$PANEL_DOMAIN" /etc/orcazap/orcazap.env
check "the panel's assets through nginx (:80): GET /static/panel.css and /static/htmx.min.js" \
    C sh -c "for f in panel.css htmx.min.js; do curl -fsS -o /dev/null --max-time 5 -H 'Host: $PANEL_DOMAIN' http://127.0.0.1/static/\$f || exit 1; done"
sandbox=$(C sh -c 'p=$(systemctl show -p MainPID --value orcazap.service); awk "/^(Seccomp|NoNewPrivs|CapEff):/{printf \"%s%s \", \$1, \$2}" /proc/$p/status')
[[ "$sandbox" == *"Seccomp:2"* && "$sandbox" == *"NoNewPrivs:1"* && "$sandbox" == *"CapEff:0000000000000000"* ]] \
    && pass "serve sandbox applied: $sandbox" || fail "serve sandbox: $sandbox"
out=$(C systemd-analyze security --threshold=20 --no-pager orcazap.service orcazap-worker@1.service 2>&1); rc=$?
out=$(grep 'Overall exposure' <<<"$out")
[ $rc = 0 ] && [ "$(grep -c . <<<"$out")" = 2 ] \
    && pass "systemd-analyze security of the loaded units <= 2.0: $(sed 's/.*level for \([^:]*\): \([0-9.]*\).*/\1 \2/' <<<"$out" | paste -sd, -)" \
    || fail "systemd-analyze security inside the container: $out"
timer=$(C systemctl show -p TimersCalendar -p NextElapseUSecRealtime --value orcazap-backup.timer | paste -sd' ' -)
[[ "$timer" == *"OnCalendar=*-*-* 03:15:00"* ]] && pass "orcazap-backup.timer: $timer" || fail "orcazap-backup.timer: $timer"
out=$(C sh -c 'cd /usr/local/lib/systemd/system && systemd-analyze verify orcazap.socket orcazap.service orcazap-worker@1.service orcazap-backup.service orcazap-backup.timer' 2>&1)
[ -z "$out" ] && pass "systemd-analyze verify inside the container (real binaries): no output" || fail "verify inside: $out"

# ------------------------------------------------------------------ 8. webhook -> worker -> Graph stand-in
phase "signed webhook -> serve -> worker -> Graph stand-in, request id in the journals"
ONE_OFF=(systemd-run --quiet --wait --pipe --collect -p User=orcazap -p EnvironmentFile=/etc/orcazap/orcazap.env)
C systemd-run --quiet --collect --unit=orcazap-graph-standin -p User=orcazap \
    "/opt/orcazap/releases/$VA/bin/orcazap-graph-standin" --listen 127.0.0.1:$GRAPH_PORT
for _ in $(seq 100); do C curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:$GRAPH_PORT/_standin/stats && break; sleep 0.1; done
check "Graph stand-in listens on the container's 127.0.0.1:$GRAPH_PORT (= GRAPH_API_BASE in the env file)" \
    C sh -c "curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:$GRAPH_PORT/_standin/stats && grep -qx GRAPH_API_BASE=http://127.0.0.1:$GRAPH_PORT /etc/orcazap/orcazap.env"
C "${ONE_OFF[@]}" /opt/orcazap/current/bin/orcazap seed > "$WORK/seed.log" 2>&1 \
    && pass "orcazap seed as orcazap with the env file: $(tail -1 "$WORK/seed.log")" || fail "orcazap seed: $(cat "$WORK/seed.log")"
# Signed like Meta: X-Hub-Signature-256 = sha256=HMAC-SHA256(app secret, body).
sent_ms=$(date +%s%3N)
C sh -c 'secret=$(sed -n "s/^WHATSAPP_APP_SECRET=//p" /etc/orcazap/orcazap.env)
    sig=$(openssl dgst -sha256 -hmac "$secret" < /root/e2e/text_message.json | sed "s/^.*= //")
    curl -sS -D - -o /dev/null --max-time 10 -H "Content-Type: application/json" -H "X-Hub-Signature-256: sha256=$sig" \
        --data-binary @/root/e2e/text_message.json http://127.0.0.1:8000/webhooks/whatsapp' > "$WORK/webhook.out" 2>&1
status=$(head -1 "$WORK/webhook.out" | tr -d '\r')
rid=$(sed -n 's/^[Xx]-[Rr]equest-[Ii]d: *\([A-Za-z0-9._-]*\).*/\1/p' "$WORK/webhook.out" | tr -d '\r')
[[ "$status" == *" 200"* ]] && [ -n "$rid" ] \
    && pass "signed fixture webhook to 127.0.0.1:8000 (the socket): '$status', X-Request-Id $rid in $(( $(date +%s%3N) - sent_ms )) ms" \
    || fail "signed webhook: $(cat "$WORK/webhook.out")"
MARCOS=5511987654321
C curl -fsS --max-time 35 "http://127.0.0.1:$GRAPH_PORT/_standin/messages?to=$MARCOS&wait_ms=30000" > "$WORK/standin.json"
out=$(python3 "$HERE/e2e_json.py" prompt $MARCOS 106540352242922 demo-access-token "$sent_ms" "Marcos Souza" < "$WORK/standin.json")
[ $? = 0 ] && pass "the prompt reached the Graph stand-in, addressed to $MARCOS: $out" || fail "prompt: $out"
provider_id=$(sed -n 's/^id=\([^ ]*\) .*/\1/p' <<<"$out")
recorded() {
    C runuser -u postgres -- psql -d orcazap -XAtc \
        "select count(*) from messages where direction = 'outbound' and status = 'sent' and provider_message_id = '$provider_id'"
}
for _ in $(seq 50); do [ "$(recorded)" = 1 ] && break; sleep 0.2; done
[ -n "$provider_id" ] && [ "$(recorded)" = 1 ] && pass "the worker recorded the prompt as sent with the stand-in's id $provider_id" \
    || fail "no outbound message 'sent' with provider id '$provider_id'"
journal_has() {   # journal_has UNIT-PATTERN: a JSON line with the request id, REQUEST_ID= field set
    C journalctl -u "$1" -o json --no-pager > "$WORK/journal.json"
    python3 "$HERE/e2e_json.py" journal "$rid" < "$WORK/journal.json"
}
if [ -n "$rid" ]; then
    for _ in $(seq 20); do journal_has 'orcazap-worker@*' >/dev/null && break; sleep 0.25; done
    out=$(journal_has orcazap.service) && pass "journalctl -u orcazap -o json: $out" || fail "serve's journal: $out"
    out=$(journal_has 'orcazap-worker@*') && pass "journalctl -u 'orcazap-worker@*' -o json: $out" || fail "workers' journal: $out"
    n=$(C journalctl -u orcazap "REQUEST_ID=$rid" -o cat --no-pager | wc -l)
    [ "$n" -ge 1 ] && pass "journalctl -u orcazap REQUEST_ID=$rid prints $n line(s)" || fail "journalctl -u orcazap REQUEST_ID=$rid prints nothing"
    units=$(C journalctl -u orcazap -u 'orcazap-worker@*' "REQUEST_ID=$rid" -o json --no-pager | python3 "$HERE/e2e_json.py" units)
    [[ " $units" == *" orcazap.service"* && "$units" == *"orcazap-worker@"* ]] \
        && pass "journalctl -u orcazap -u 'orcazap-worker@*' REQUEST_ID=$rid spans $units" \
        || fail "journalctl -u orcazap -u 'orcazap-worker@*' REQUEST_ID=$rid: units '$units'"
fi

# ------------------------------------------------------------------ 9. backup, restore, row counts
# Exactly the commands of docs/operations.md, "Backups and restore", run as root on the host.
phase "backup, restore into a fresh database, compare row counts, switch to it"
C systemctl start orcazap-backup.service; rc=$?
dump=$(C sh -c 'ls -t /var/backups/orcazap/orcazap-*.dump | head -1')
[ $rc = 0 ] && [ -n "$dump" ] && [ "$(C stat -c %U:%a "$dump")" = orcazap:600 ] \
    && pass "systemctl start orcazap-backup.service wrote $dump ($(C stat -c %s "$dump") bytes, orcazap 0600)" \
    || fail "backup: rc=$rc dump='$dump' $(C journalctl -u orcazap-backup -o cat --no-pager | tail -5)"
PGQ=(runuser -u postgres -- psql -XAt -v ON_ERROR_STOP=1)
C runuser -u postgres -- createdb -O orcazap -E UTF8 -T template0 orcazap_restore \
    && C sh -c "runuser -u postgres -- pg_restore --no-owner --role=orcazap --exit-on-error -d orcazap_restore < '$dump'" \
        > "$WORK/restore.log" 2>&1 \
    && pass "pg_restore of $dump into the fresh database orcazap_restore" || fail "restore: $(cat "$WORK/restore.log")"
COUNT_SQL="SELECT table_name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM public.%I', table_name), false, true, '')))[1]::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
counts() { C "${PGQ[@]}" -d "$1" -c "$COUNT_SQL"; }
live=$(counts orcazap); restored=$(counts orcazap_restore)
nonzero_ok=1
for tbl in tenants channels items messages conversations contacts; do
    n=$(awk -F'|' -v t="$tbl" '$1==t{print $2}' <<<"$live")
    [ "${n:-0}" -ge 1 ] || { nonzero_ok=0; fail "table $tbl has '${n}' rows after traffic"; }
done
[ -n "$live" ] && [ "$live" = "$restored" ] && [ "$nonzero_ok" = 1 ] \
    && pass "same row counts in orcazap and orcazap_restore for all $(wc -l <<<"$live") tables: $(tr '\n' ' ' <<<"$live")" \
    || fail "row counts differ: $(diff <(echo "$live") <(echo "$restored"))"
# Replace the live database with the restored one, as the operator would.
t=$(date +%s.%N)
workers=$(C systemctl list-units --plain --no-legend 'orcazap-worker@*' | awk '{print $1}')
C systemctl stop orcazap.socket orcazap.service $workers \
    && C "${PGQ[@]}" -c 'ALTER DATABASE orcazap RENAME TO orcazap_before_restore' >/dev/null \
    && C "${PGQ[@]}" -c 'ALTER DATABASE orcazap_restore RENAME TO orcazap' >/dev/null \
    && C "${ONE_OFF[@]}" /opt/orcazap/current/bin/orcazap migrate up > "$WORK/migrate-restore.log" 2>&1 \
    && C systemctl start orcazap.socket orcazap.service $workers \
    && all_active >/dev/null && serves "$VA" >/dev/null && [ "$(counts orcazap)" = "$live" ] \
    && pass "restored database switched in (stop serve and $(wc -w <<<"$workers") workers, rename, migrate up, start) in $(since "$t")s: units active, /ready 200, same row counts" \
    || fail "switch to the restored database: $(all_active; serves "$VA"; cat "$WORK/migrate-restore.log")"
C runuser -u postgres -- dropdb orcazap_before_restore

# ------------------------------------------------------------------ 10. Restart= after kill -9, watchdog
phase "Restart=always after kill -9, WatchdogSec= on a stopped serve"
seconds_of() {   # seconds_of UNIT PROPERTY: a time property ("2s", "500ms", "1min 30s") in whole seconds, rounded up
    C systemctl show -p "$2" --value "$1" | awk '{ t = 0; for (i = 1; i <= NF; i++) { v = $i + 0
        if ($i ~ /ms$/) t += v / 1000; else if ($i ~ /min$/) t += v * 60; else if ($i ~ /h$/) t += v * 3600; else t += v }
        printf "%d\n", (t == int(t)) ? t : int(t) + 1 }'
}
RESTART_SEC=$(seconds_of orcazap.service RestartUSec)
WATCHDOG_SEC=$(seconds_of orcazap.service WatchdogUSec)
restart_after() {   # restart_after UNIT SIGNAL LABEL MAX_SECONDS
    local u=$1 sig=$2 label=$3 max=$4 old new n0 n1 ts
    old=$(mainpid "$u"); n0=$(C systemctl show -p NRestarts --value "$u")
    # never signal PID 0 or 1: a stopped unit reports MainPID=0
    [ "${old:-0}" -gt 1 ] 2>/dev/null || { fail "$u has no MainPID, not sending $sig"; return; }
    ts=$(date +%s.%N)
    C kill -"$sig" -- "$old"
    new=0
    for _ in $(seq $((max * 10))); do
        new=$(mainpid "$u")
        [ "$new" != 0 ] && [ "$new" != "$old" ] && [ "$(C systemctl is-active "$u")" = active ] && break
        sleep 0.1
    done
    n1=$(C systemctl show -p NRestarts --value "$u")
    if [ "$new" != 0 ] && [ "$new" != "$old" ] && [ "$n1" -gt "$n0" ] && [ "$(C systemctl is-active "$u")" = active ]; then
        pass "$label: $u MainPID $old -> $new active (READY=1) again after $(since "$ts")s, limit ${max}s (NRestarts $n0 -> $n1)"
    else fail "$label: $u not back within ${max}s (MainPID $old -> $new, NRestarts $n0 -> $n1)"; fi
}
restart_after orcazap.service 9 "kill -9" $((RESTART_SEC + 6))
restart_after orcazap-worker@1.service 9 "kill -9" $((RESTART_SEC + 6))
restart_after orcazap.service STOP "SIGSTOP (hung serve)" $((WATCHDOG_SEC + RESTART_SEC + 8))
C journalctl -u orcazap.service -o cat --no-pager | grep -q "Watchdog timeout" \
    && pass "the watchdog (WatchdogSec=${WATCHDOG_SEC}s, not something else) killed the hung serve" \
    || fail "no 'Watchdog timeout' in the journal of orcazap.service"

# ------------------------------------------------------------------ 11. zero refused connections across restarts
phase "systemctl restart orcazap while a client sends requests back to back"
p0=$(mainpid orcazap.service)
CN python3 "$HERE/client.py" 8000 9 /health > "$WORK/zdt.out" 2>&1 & CP=$!
sleep 2; C systemctl restart orcazap.service; p1=$(mainpid orcazap.service)
sleep 3; C systemctl restart orcazap.service; p2=$(mainpid orcazap.service)
wait $CP && pass "zero refused/failed requests across two restarts: $(cat "$WORK/zdt.out")" || fail "requests failed across restart: $(cat "$WORK/zdt.out")"
[ "$p0" != "$p1" ] && [ "$p1" != "$p2" ] && [ "${p2:-0}" -gt 1 ] && pass "the restarts happened: serve MainPID $p0 -> $p1 -> $p2" \
    || fail "restarts not visible: serve MainPID $p0 -> $p1 -> $p2"

# ------------------------------------------------------------------ 12. deploy B, broken deploy, rollback
phase "deploy $VB (remote path), then $VX (never ready), then rollback"
# B goes through the remote path: --inventory + an "ssh" that enters the container instead of
# connecting anywhere (the script copies itself and the package through it, runs --local there).
printf '#!/bin/sh\nshift\nexec nsenter -t "$(cat %s)" -a env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 sh -c "$*"\n' "$WORK/leader" > "$WORK/ssh-shim"
chmod 755 "$WORK/ssh-shim"; echo "$LEADER" > "$WORK/leader"
printf '# name  roles             options\nct1     app,worker,data   workers=2\n' > "$WORK/inventory"
t=$(date +%s.%N)
"$SRC/deploy/orcazap-deploy" --ssh "$WORK/ssh-shim" --inventory "$WORK/inventory" deploy all "$WORK/b.deb" > "$WORK/deploy-b.log" 2>&1 \
    && [ "$(C readlink /opt/orcazap/current)" = "releases/$VB" ] && all_active >/dev/null && serves "$VB" >/dev/null \
    && pass "deploy $VB over the remote path (--inventory, copied through ssh) in $(since "$t")s: $VB serves" \
    || fail "remote deploy $VB: $(cat "$WORK/deploy-b.log")"
t=$(date +%s.%N)
deploy broken.deb deploy-broken.log --ready-timeout 15; rc=$?
sed 's/^/     /' "$WORK/deploy-broken.log"
if [ $rc != 0 ] && [ "$(C readlink /opt/orcazap/current)" = "releases/$VB" ] && grep -q "rolled back to $VB" "$WORK/deploy-broken.log" \
    && serves "$VB" && all_active; then
    pass "deploy of a never-ready release exits $rc after $(since "$t")s, says why, and $VB serves again"
else fail "broken deploy: rc=$rc current=$(C readlink /opt/orcazap/current)"; fi
t=$(date +%s.%N)
C /root/e2e/orcazap-deploy --local rollback > "$WORK/rollback.log" 2>&1 && [ "$(C readlink /opt/orcazap/current)" = "releases/$VA" ] \
    && serves "$VA" && pass "rollback in $(since "$t")s: current -> releases/$VA, which serves" || fail "rollback: $(cat "$WORK/rollback.log")"
"$SRC/deploy/orcazap-deploy" --ssh "$WORK/ssh-shim" status ct1 > "$WORK/status.log" 2>&1 && grep -q "current:   $VA" "$WORK/status.log" \
    && grep -Eq "orcazap-worker@2.service +active" "$WORK/status.log" \
    && pass "status shows version, releases and unit states" || fail "status: $(cat "$WORK/status.log")"
sed 's/^/     /' "$WORK/status.log"

# ------------------------------------------------------------------ 13. backup retention
phase "backup retention"
for _ in 1 2 3; do
    sleep 1.1   # dump names carry the second
    C systemd-run --quiet --wait --pipe --collect -p User=orcazap -p EnvironmentFile=/etc/orcazap/orcazap.env \
        -E ORCAZAP_BACKUP_DIR=/var/backups/orcazap -E ORCAZAP_BACKUP_KEEP=2 /opt/orcazap/current/bin/orcazap-backup >/dev/null 2>&1
done
n=$(C sh -c 'ls /var/backups/orcazap/orcazap-*.dump | wc -l')
[ "$n" = 2 ] && pass "retention: ORCAZAP_BACKUP_KEEP=2 leaves 2 dumps" || fail "retention: $n dumps with ORCAZAP_BACKUP_KEEP=2"

# ------------------------------------------------------------------ 14. reboot
phase "reboot the container"
t=$(date +%s.%N)
stop_container
if boot; then
    check "after reboot ($(since "$t")s): $UNITS_UP active" all_active
    for _ in $(seq 30); do C curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:8000/ready && break; sleep 1; done
    check "after reboot ($(since "$t")s): $VA serves, GET /ready = 200" serves "$VA"
    check "after reboot: serve and workers run as user orcazap" users_ok
else
    fail "reboot: $(C systemctl --failed --no-legend 2>&1)"
fi

stop_container
phase ""
log "journal kept in the overlay: $(journalctl -D "$R/var/log/journal" -u orcazap.service --no-pager -q 2>/dev/null | wc -l) lines for orcazap.service; per-run upper layer $(du -sm "$WORK/upper" | cut -f1) MB"
log "time by phase:"; printf '           %s\n' "${TIMINGS[@]}"
log "total $(since "$T_START")s, failures: $FAILS"
[ "$FAILS" = 0 ]

#!/usr/bin/env bash
# The project's one entry point for building and testing.
#   ./build.sh test                 install (if missing) PostgreSQL and Chromium, start a throwaway PostgreSQL, run every test, stop it
#   ./build.sh test PROJECT [ARGS]  the same for one test project, ARGS passed to dotnet test (e.g. --filter Name~Etag)
#   ./build.sh build                compile the solution (warnings are errors)
#   ./build.sh with-postgres CMD…   run CMD with a throwaway PostgreSQL, its connection string in TAG_TEST_POSTGRES (benchmarks use it)
set -euo pipefail
cd "$(dirname "$0")"

configuration=${CONFIGURATION:-Release}

log() { printf '==> %s\n' "$*" >&2; }

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_postgres_installed() {
  if [ -n "$(postgres_bin_dir)" ] && [ -x "$(postgres_bin_dir)/initdb" ]; then return; fi
  log "PostgreSQL is not installed; installing it from apt"
  apt_install postgresql
}

# The browser tests drive Debian's Chromium through Playwright, which cannot download its own browsers here.
ensure_chromium_installed() {
  if [ -x /usr/bin/chromium ]; then return; fi
  log "Chromium is not installed; installing it from apt"
  apt_install chromium
}

free_loopback_port() {
  local port
  for port in $(shuf -i 20000-40000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free loopback port found" >&2; return 1
}

# Runs a command as the postgres user when we are root (initdb refuses root), as ourselves otherwise.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_data_dir=""
stop_postgres() {
  if [ -n "$pg_data_dir" ] && [ -d "$pg_data_dir" ]; then
    as_postgres "$(postgres_bin_dir)/pg_ctl" -D "$pg_data_dir" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_data_dir"
  fi
}

start_postgres() {
  ensure_postgres_installed
  local bin port
  bin=$(postgres_bin_dir)
  port=$(free_loopback_port)
  pg_data_dir=$(mktemp -d /tmp/tag-pg.XXXXXX)
  trap stop_postgres EXIT
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg_data_dir"
  chmod 700 "$pg_data_dir"
  as_postgres "$bin/initdb" -D "$pg_data_dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  # Durability is pointless for a throwaway test server; turning it off makes the suite several times faster.
  as_postgres "$bin/pg_ctl" -D "$pg_data_dir/data" -w -l "$pg_data_dir/server.log" \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  export TAG_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port"
}

# dotnet test prints one summary per test assembly; this adds the one line for the whole run.
print_totals() {
  local results_dir=$1
  local passed=0 failed=0 skipped=0 p f t e
  for trx in "$results_dir"/*.trx; do
    [ -f "$trx" ] || continue
    p=$(grep -o 'passed="[0-9]*"' "$trx" | head -n1 | tr -dc 0-9)
    f=$(grep -o 'failed="[0-9]*"' "$trx" | head -n1 | tr -dc 0-9)
    t=$(grep -o 'total="[0-9]*"' "$trx" | head -n1 | tr -dc 0-9)
    e=$(grep -o 'executed="[0-9]*"' "$trx" | head -n1 | tr -dc 0-9)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
  done
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
  # CI keeps only the tail of the log, so the names of failed tests are repeated here, after the summary line.
  if [ "$failed" -gt 0 ]; then
    grep -ho '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$results_dir"/*.trx \
      | sed -E 's/.*testName="([^"]*)".*/  failed: \1/' || true
  fi
}

case "${1:-test}" in
  build)
    dotnet build TenantAuditGrid.sln -c "$configuration"
    ;;
  test)
    shift
    target=${1:-TenantAuditGrid.sln}
    [ $# -eq 0 ] || shift
    # The deployment manifests are part of the product: a full run validates them offline first (focused runs skip it).
    [ "$target" != TenantAuditGrid.sln ] || deploy/validate.sh
    start_postgres
    ensure_chromium_installed
    results_dir=$(mktemp -d /tmp/tag-test-results.XXXXXX)
    status=0
    dotnet build "$target" -c "$configuration" || exit 1
    if [ "$target" = TenantAuditGrid.sln ]; then
      log "dotnet format --verify-no-changes"
      dotnet format TenantAuditGrid.sln --verify-no-changes --no-restore || exit 1
    fi
    dotnet test "$target" -c "$configuration" --no-build \
      --logger "trx" --logger "console;verbosity=normal" --results-directory "$results_dir" "$@" || status=$?
    if [ "$target" = TenantAuditGrid.sln ]; then
      # Benchmarks must keep running: a smoke-sized run of each, checked for completion and correct counts, never for timing.
      log "benchmark smoke runs"
      TAG_BENCH_POSTGRES=$TAG_TEST_POSTGRES dotnet run -c "$configuration" --no-build --project bench/TenantAuditGrid.Bench -- smoke \
        > "$results_dir/bench-smoke.log" 2>&1 || { status=1; cat "$results_dir/bench-smoke.log"; }
    fi
    print_totals "$results_dir"
    exit $status
    ;;
  with-postgres)
    shift
    start_postgres
    "$@"
    ;;
  *)
    echo "usage: ./build.sh [test [PROJECT [ARGS…]]|build|with-postgres CMD…]" >&2
    exit 2
    ;;
esac

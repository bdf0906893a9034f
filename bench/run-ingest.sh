#!/usr/bin/env bash
# Runs the audit store ingest benchmark against a throwaway PostgreSQL started here (as ./build.sh test does),
# or against TAG_BENCH_POSTGRES when that is set.
#   bench/run-ingest.sh [--smoke] [--markdown-out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

data_dir=""
stop_postgres() {
  if [ -n "$data_dir" ] && [ -d "$data_dir" ]; then
    as_postgres "$(bin_dir)/pg_ctl" -D "$data_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data_dir"
  fi
}

if [ -z "${TAG_BENCH_POSTGRES:-}" ]; then
  if [ -z "$(bin_dir)" ]; then
    log "PostgreSQL is not installed; installing it from apt"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  port=""
  for candidate in $(shuf -i 20000-40000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "no free loopback port found" >&2; exit 1; }
  data_dir=$(mktemp -d /tmp/tag-bench-pg.XXXXXX)
  trap stop_postgres EXIT
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data_dir"
  chmod 700 "$data_dir"
  as_postgres "$(bin_dir)/initdb" -D "$data_dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  # The same settings as the test server: durability off, so the numbers measure the store's work, not the disk.
  as_postgres "$(bin_dir)/pg_ctl" -D "$data_dir/data" -w -l "$data_dir/server.log" \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export TAG_BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  log "PostgreSQL listening on 127.0.0.1:$port"
fi

dotnet run -c Release --project bench/TenantAuditGrid.Bench -- ingest "$@"

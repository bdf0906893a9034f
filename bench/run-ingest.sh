#!/usr/bin/env bash
# Runs the audit store ingest benchmark against TAG_BENCH_POSTGRES when that is set, otherwise against a throwaway PostgreSQL
# started by build.sh (the same server settings as the tests: durability off, so the numbers measure the store, not the disk).
#   bench/run-ingest.sh [--smoke] [--append FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${TAG_BENCH_POSTGRES:-}" ]; then
  exec dotnet run -c Release --project bench/TenantAuditGrid.Bench -- ingest "$@"
fi

./build.sh with-postgres bash -c 'TAG_BENCH_POSTGRES=$TAG_TEST_POSTGRES exec dotnet run -c Release --project bench/TenantAuditGrid.Bench -- ingest "$@"' run-ingest "$@"

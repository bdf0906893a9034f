#!/usr/bin/env bash
# The query scenario on this checkout and on an earlier commit, alternated on one database, so both builds' figures come from the
# same run (docs/benchmarks.md, "Query latency"). Needs PostgreSQL in TAG_BENCH_POSTGRES or TAG_TEST_POSTGRES, e.g.:
#   ./build.sh with-postgres bench/query-against-build.sh 5e0573a 3 --events 1000000 --tenants 1000 --iterations 100
# Arguments: the baseline commit, the number of rounds, then the query scenario's own options (without --database).
set -euo pipefail
baseline=${1:?baseline commit}
rounds=${2:?number of rounds}
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
export TAG_BENCH_POSTGRES="${TAG_BENCH_POSTGRES:-${TAG_TEST_POSTGRES:?no PostgreSQL connection string}}"
worktree=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$worktree"' EXIT
git -C "$here" worktree add -q --detach "$worktree" "$baseline"
for dir in "$here" "$worktree"; do
  dotnet build "$dir/bench/TenantAuditGrid.Bench" -c Release -v quiet -nologo > /dev/null
done
for round in $(seq "$rounds"); do
  for dir in "$here" "$worktree"; do
    echo "=== round $round: $(git -C "$dir" rev-parse --short HEAD) $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    dotnet run -c Release --no-build --project "$dir/bench/TenantAuditGrid.Bench" -- query --database qbench "$@"
  done
done

#!/usr/bin/env bash
# The 7-day tenants × categories aggregation as SQL, the statement AuditCountsSqlBuilder built before migration 009 (raw edge + 007
# hourly + 007 daily, each grouped) against the one it builds now (009 category rollups, the daily rows passed through), on a query
# bench database (docs/benchmarks.md, "The aggregation before and after 009"). Both windows: from now minus 7 days, and from 11:00:01.
# Needs a superuser session (it reads the backend's CPU from /proc/self/stat with pg_read_file). Connection from PG* variables:
#   PGHOST=127.0.0.1 PGPORT=31691 PGUSER=postgres DATABASE=qbench bench/query-side-by-side.sh
set -euo pipefail
sql=$(mktemp)
trap 'rm -f "$sql"' EXIT
cat > "$sql" <<'PSQL'
\set QUIET on
SET jit = :jit;
SET max_parallel_workers_per_gather = :par;
PREPARE q AS :query;
\o /dev/null
EXECUTE q;
EXECUTE q;
\o
SELECT (split_part(pg_read_file('/proc/self/stat'),' ',14)::int + split_part(pg_read_file('/proc/self/stat'),' ',15)::int) AS t0, extract(epoch from clock_timestamp()) AS w0 \gset
\o /dev/null
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
EXECUTE q;
\o
SELECT :'label', 'jit=' || :'jit' || ', parallel workers=' || :'par', (split_part(pg_read_file('/proc/self/stat'),' ',14)::int + split_part(pg_read_file('/proc/self/stat'),' ',15)::int - :t0) AS cpu_ms_per_run, round(((extract(epoch from clock_timestamp()) - :w0) * 100)::numeric) AS wall_ms_per_run;
PSQL
for window in now worst; do
  if [ $window = now ]; then LO="$(date -u -d '7 days ago' '+%Y-%m-%d %H:%M:%S+00')"; HF="$(date -u -d '7 days ago +1 hour' '+%Y-%m-%d %H:00:00+00')";
  else LO="$(date -u -d '7 days ago' '+%Y-%m-%d 11:00:01+00')"; HF="$(date -u -d '7 days ago' '+%Y-%m-%d 12:00:00+00')"; fi
  DF="$(date -u -d '6 days ago' '+%Y-%m-%d 00:00:00+00')"
  RAW="SELECT date_bin('1 day', activity_date_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS c0, tenant_id AS c1, category AS c2, COUNT(*) AS n FROM audit_events WHERE source = 'graph' AND TRUE AND activity_date_time >= '$LO' AND activity_date_time < '$HF' GROUP BY 1, 2, 3"
  OLD_D="SELECT date_bin('1 day', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS c0, tenant_id AS c1, category AS c2, CAST(SUM(event_count) AS bigint) AS n FROM audit_event_counts_daily WHERE source = 'graph' AND TRUE AND bucket_start >= '$DF' GROUP BY 1, 2, 3"
  OLD_H="SELECT date_bin('1 day', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS c0, tenant_id AS c1, category AS c2, CAST(SUM(event_count) AS bigint) AS n FROM audit_event_counts_hourly WHERE source = 'graph' AND TRUE AND bucket_start >= '$HF' AND bucket_start < '$DF' GROUP BY 1, 2, 3"
  NEW_D="SELECT date_bin('1 day', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS c0, tenant_id AS c1, category AS c2, event_count AS n FROM audit_event_counts_category_daily WHERE source = 'graph' AND TRUE AND bucket_start >= '$DF'"
  NEW_H="SELECT date_bin('1 day', bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS c0, tenant_id AS c1, category AS c2, CAST(SUM(event_count) AS bigint) AS n FROM audit_event_counts_category_hourly WHERE source = 'graph' AND TRUE AND bucket_start >= '$HF' AND bucket_start < '$DF' GROUP BY 1, 2, 3"
  OUT="SELECT c0, c1, c2, CAST(SUM(n) AS bigint) FROM (%s) AS parts GROUP BY c0, c1, c2 HAVING SUM(n) > 0 ORDER BY c0, c1, c2"
  OLDQ="$(printf "$OUT" "$RAW UNION ALL $OLD_D UNION ALL $OLD_H")"
  NEWQ="$(printf "$OUT" "$RAW UNION ALL $NEW_D UNION ALL $NEW_H")"
  run() { psql -d "${DATABASE:-qbench}" -At -F ' | ' -v label="$1" -v query="$2" -v jit=$3 -v par=$4 -f "$sql"; }
  echo "window from $LO (hourly from $HF, daily from $DF)"
  run "before: 007 rollups" "$OLDQ" on 2
  run "before: 007 rollups" "$OLDQ" off 2
  run "after: 009 rollups" "$NEWQ" off 2
  run "before: 007 rollups" "$OLDQ" on 0
  run "before: 007 rollups" "$OLDQ" off 0
  run "after: 009 rollups" "$NEWQ" off 0
done

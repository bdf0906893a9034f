using TenantAuditGrid.Bench;
using TenantAuditGrid.Bench.Backfill;
using TenantAuditGrid.Bench.Freshness;
using TenantAuditGrid.Bench.Ingest;
using TenantAuditGrid.Bench.Query;
using TenantAuditGrid.Bench.Scale;

// The single benchmark entry point: `dotnet run -c Release --project bench/TenantAuditGrid.Bench -- <scenario> [--smoke] [options]`.
// Adding a scenario is one line here plus its own folder; `smoke` runs every scenario listed here with --smoke.
Scenario[] scenarios =
[
    new("ingest", "audit store write throughput: PostgreSQL COPY vs row-by-row INSERT, SQLite (needs PostgreSQL)", IngestScenario.RunAsync),
    new("backfill", "product sync vs the naive Graph SDK script, against the throttle ceiling and ground truth (needs PostgreSQL)", BackfillScenario.RunAsync),
    new("freshness", "delay from an event's visibility in Graph to its row in the store, against the budget's lower bound (needs PostgreSQL)", FreshnessScenario.RunAsync),
    new("scale", "tenants onboarded on one silo: onboarding time, heap per grain, idle CPU (needs PostgreSQL)", ScaleScenario.RunAsync),
    new("query", "gateway and raw SQL latency of cross-tenant queries and the 7-day aggregation (needs PostgreSQL)", QueryScenario.RunAsync),
];

return await ScenarioDispatcher.RunAsync(scenarios, args);

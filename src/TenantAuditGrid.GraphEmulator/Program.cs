using TenantAuditGrid.GraphEmulator;

return await StandaloneEmulator.RunAsync(args).ConfigureAwait(false);

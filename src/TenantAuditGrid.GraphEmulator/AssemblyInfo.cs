using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("TenantAuditGrid.GraphEmulator.Tests")]

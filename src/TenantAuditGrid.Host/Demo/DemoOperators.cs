using TenantAuditGrid.GraphEmulator;
using TenantAuditGrid.Host.Access;

namespace TenantAuditGrid.Host.Demo;

/// <summary>
/// The people who sign in to the demo at the emulator's MSP tenant: an Admin, who sees every customer, and a Reader who sees only
/// Northwind Traders through a grant on their object id. The ids are fixed so the grant kept under ./data names them on every run.
/// </summary>
public static class DemoOperators
{
    public const string ReaderCustomer = "northwind";

    public static readonly OperatorUserSpec Admin = new(
        "Avery Admin", "avery@msp.example", [OperatorRoles.AppRoleValue(OperatorRole.Admin)], ObjectId: new Guid("2f6d1c3a-7b8e-4a5d-9c0e-1a2b3c4d5e01"));

    public static readonly OperatorUserSpec Reader = new(
        "Riley Reader", "riley@msp.example", [OperatorRoles.AppRoleValue(OperatorRole.Reader)], ObjectId: new Guid("2f6d1c3a-7b8e-4a5d-9c0e-1a2b3c4d5e02"));

    public static readonly OperatorUserSpec[] Users = [Admin, Reader];
}

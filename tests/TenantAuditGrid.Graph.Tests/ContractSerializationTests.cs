using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TenantAuditGrid.Abstractions.Tenants;

namespace TenantAuditGrid.Graph.Tests;

/// <summary>The tenant types live in grain state: they must survive Orleans' serializer, including the credential hierarchy.</summary>
public sealed class ContractSerializationTests
{
    private readonly Serializer serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void Every_credential_kind_round_trips_through_the_orleans_serializer_as_its_own_type()
    {
        var secret = new EncryptedSecret("0123456789abcdef", [1, 2, 3], [4, 5, 6, 7], [8, 9]);
        TenantCredential[] credentials =
        [
            new ClientSecretTenantCredential(4, "0b9d7c6e-5f4a-4e3b-8c2d-1a0f9e8d7c6b", secret, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new CertificateTenantCredential(5, "0b9d7c6e-5f4a-4e3b-8c2d-1a0f9e8d7c6b", CertificateUploadFormat.Pem, "-----BEGIN CERTIFICATE-----", secret,
                "ABCDEF", DateTimeOffset.UnixEpoch, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            new SharedAppTenantCredential(6),
        ];

        foreach (var credential in credentials)
        {
            var copy = serializer.Deserialize<TenantCredential>(serializer.SerializeToArray(credential))!;

            Assert.Equal(credential.GetType(), copy.GetType());
            Assert.Equal(credential, copy);
        }
    }

    [Fact]
    public void A_probe_result_round_trips_with_its_sources_and_capabilities()
    {
        var now = new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);
        var result = new TenantProbeResult(
            "3f6c2a8e-1b4d-4c7a-9e2f-5a8b1c3d4e6f",
            now,
            TenantHealthState.PermissionMissing,
            [
                new SourceHealth(AuditSource.DirectoryAudits, TenantHealthState.Healthy, now, now, null, "", [], null),
                new SourceHealth(AuditSource.SecurityActions, TenantHealthState.PermissionMissing, now.AddDays(-1), now, "roles_claim",
                    "Grant SecurityActions.Read.All", ["SecurityActions.Read.All"], TimeSpan.FromSeconds(2.5)),
            ],
            new TenantCapabilities(true, false, false, TenantLicence.Premium, 30),
            ["AuditLog.Read.All", "Directory.Read.All"],
            now.AddDays(10),
            TokenIssued: true);

        var copy = serializer.Deserialize<TenantProbeResult>(serializer.SerializeToArray(result))!;

        Assert.Equal(result.State, copy.State);
        Assert.Equal(result.Capabilities, copy.Capabilities);
        Assert.Equal(result.GrantedRoles, copy.GrantedRoles);
        Assert.Equal(result.Sources.Count, copy.Sources.Count);
        Assert.Equal(result.Sources[1].MissingPermissions, copy.Sources[1].MissingPermissions);
        Assert.Equal(result.Sources[1] with { MissingPermissions = [] }, copy.Sources[1] with { MissingPermissions = [] });
        Assert.True(copy.TokenIssued);
    }

    [Fact]
    public void A_repeated_state_keeps_its_original_since_time_and_a_new_state_starts_its_own()
    {
        var first = new SourceHealth(AuditSource.DirectoryAudits, TenantHealthState.Throttled, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "429", "", [], null);
        var later = first with { Since = DateTimeOffset.UnixEpoch.AddHours(1), ObservedAt = DateTimeOffset.UnixEpoch.AddHours(1) };
        var recovered = later with { State = TenantHealthState.Healthy };

        Assert.Equal(DateTimeOffset.UnixEpoch, later.Following(first).Since);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddHours(1), recovered.Following(first).Since);
    }
}

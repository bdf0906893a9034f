using TenantAuditGrid.Abstractions.Tenants;
using TenantAuditGrid.Graph.Credentials;
using TenantAuditGrid.Host.Api.Customers;

namespace TenantAuditGrid.Host.Api.Tenants;

/// <summary>
/// Turns request bodies into grain commands, or into the field errors that explain why not. Credentials are validated and encrypted
/// here, at the edge, so plaintext secrets never travel in a grain message or reach storage.
/// </summary>
public sealed class TenantRequestValidation(CredentialIntake intake)
{
    public const int MaxDisplayNameLength = 256;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;

    /// <param name="customers">The customers the caller may put a tenant in: those that exist and are in its scope.</param>
    public (TenantRegistration? Registration, string TenantId, Dictionary<string, string[]> Errors) ToRegistration(
        OnboardTenantRequest request, int credentialVersion, IReadOnlySet<string> customers)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TenantKeys.TryNormalize(request.TenantId, out var tenantId))
        {
            errors["tenantId"] = ["tenantId must be the tenant's GUID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47."];
        }

        var displayName = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [$"displayName is required, at most {MaxDisplayNameLength} characters."];
        }

        CheckTags(request.Tags, errors);
        CheckSources(request.Sources, errors);
        CheckCustomer(request.CustomerId, customers, errors);
        var credential = errors.Count == 0 ? ToCredential(tenantId, request.Credential, credentialVersion, errors) : null;
        if (errors.Count > 0 || credential is null)
        {
            return (null, tenantId, errors);
        }

        var sources = request.Sources is { Count: > 0 } given ? given.Distinct().ToList() : [AuditSource.DirectoryAudits, AuditSource.SecurityActions];
        return (new TenantRegistration(displayName!, NormalizeTags(request.Tags), sources, credential, request.CustomerId), tenantId, errors);
    }

    /// <param name="customers">The customers the caller may move a tenant to.</param>
    public (TenantUpdate? Update, Dictionary<string, string[]> Errors) ToUpdate(PatchTenantRequest request, IReadOnlySet<string> customers)
    {
        var errors = new Dictionary<string, string[]>();
        var displayName = request.DisplayName?.Trim();
        if (request.DisplayName is not null && (displayName!.Length == 0 || displayName.Length > MaxDisplayNameLength))
        {
            errors["displayName"] = [$"displayName must be 1 to {MaxDisplayNameLength} characters."];
        }

        CheckTags(request.Tags, errors);
        if (request.Sources is { Count: 0 })
        {
            errors["sources"] = ["sources must name at least one source; pause the tenant instead of enabling none."];
        }

        CheckSources(request.Sources, errors);
        CheckCustomer(request.CustomerId, customers, errors);
        return errors.Count > 0
            ? (null, errors)
            : (new TenantUpdate(
                displayName, request.Tags is null ? null : NormalizeTags(request.Tags), request.Sources?.Distinct().ToList(), request.Paused, request.CustomerId), errors);
    }

    public TenantCredential? ToCredential(string tenantId, CredentialRequest? request, int version, Dictionary<string, string[]> errors)
    {
        try
        {
            return (request?.Type ?? CredentialType.SharedApp) switch
            {
                CredentialType.SharedApp => CredentialIntake.SharedApp(version),
                CredentialType.ClientSecret => intake.FromClientSecret(tenantId, version, request!.ClientId ?? string.Empty, request.ClientSecret, request.SecretExpiresOn),
                CredentialType.Certificate when request!.PfxBase64 is not null =>
                    intake.FromPfx(tenantId, version, request.ClientId ?? string.Empty, DecodePfx(request.PfxBase64), request.PfxPassword),
                CredentialType.Certificate =>
                    intake.FromPem(tenantId, version, request.ClientId ?? string.Empty, request.CertificatePem, request.PrivateKeyPem, request.PrivateKeyPassword),
                _ => throw new CredentialValidationException("credential.type", "unknown_type", "credential.type must be sharedApp, clientSecret or certificate."),
            };
        }
        catch (CredentialValidationException e)
        {
            errors[e.Field.StartsWith("credential", StringComparison.Ordinal) ? e.Field : $"credential.{e.Field}"] = [e.Message];
            return null;
        }
    }

    private static byte[] DecodePfx(string base64)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new CredentialValidationException("pfxBase64", CredentialValidationCodes.PfxUnreadable, "pfxBase64 is not valid base64.");
        }
    }

    private static void CheckTags(List<string>? tags, Dictionary<string, string[]> errors)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxTagLength))
        {
            errors["tags"] = [$"tags holds at most {MaxTags} non-empty tags of at most {MaxTagLength} characters."];
        }
    }

    private static void CheckCustomer(string? customerId, IReadOnlySet<string> customers, Dictionary<string, string[]> errors)
    {
        if (customerId is not null && !customers.Contains(customerId))
        {
            errors["customerId"] = [VisibleCustomers.Unknown(customerId)];
        }
    }

    private static void CheckSources(List<AuditSource>? sources, Dictionary<string, string[]> errors)
    {
        if (sources is not null && sources.Any(s => !Enum.IsDefined(s)))
        {
            errors["sources"] = ["sources may contain directoryAudits and securityActions."];
        }
    }

    private static List<string> NormalizeTags(List<string>? tags) =>
        tags is null ? [] : [.. tags.Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
}

using System.Text.Json.Serialization;

namespace TenantAuditGrid.GraphEmulator;

/// <summary>Source-generated JSON for the values the generator embeds in modifiedProperties (the hot path of generation).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(PolicySnapshot))]
internal sealed partial class GeneratorJsonContext : JsonSerializerContext;

internal sealed record PolicySnapshot(string State, PolicyGrantControls GrantControls);

internal sealed record PolicyGrantControls(string[] BuiltInControls);

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using TenantAuditGrid.Host.Hosting;

namespace TenantAuditGrid.Host.Tests;

/// <summary>
/// A store failure inside a grain method must reach the caller as itself. Orleans refuses exception types from namespaces it was not
/// told about with CodecNotFoundException, which replaced the real error when PostgreSQL was overloaded.
/// </summary>
public sealed class GrainExceptionSerializationTests
{
    [Fact]
    public void A_PostgreSQL_failure_survives_the_trip_across_a_grain_call_with_its_message()
    {
        using var services = new ServiceCollection()
            .AddSerializer()
            .AddTenantAuditGrid(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new NpgsqlException("sorry, too many clients already")));

        Assert.Equal("sorry, too many clients already", received!.Message);
    }

    [Fact]
    public void Without_the_products_serializer_settings_the_same_failure_is_refused()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();

        Assert.ThrowsAny<CodecNotFoundException>(() => serializer.SerializeToArray<Exception>(new NpgsqlException("sorry, too many clients already")));
    }
}

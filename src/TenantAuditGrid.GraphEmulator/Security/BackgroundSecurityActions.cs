namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// The security actions other tools submit to a tenant (<see cref="ActivityOptions.SecurityActionsPerDay"/>): for each tenant and UTC
/// day, a count, creation times, ids and contents drawn from the seed, so every emulator with the same seed holds the same actions.
/// </summary>
internal static class BackgroundSecurityActions
{
    private const ulong Stream = 0xB5EC;
    private static readonly string[] Reasons = ["Indicator from the threat intelligence feed", "Incident response", "Blocked after a phishing report"];

    /// <summary>The app id the background actions carry: another security tool's, not the MSP's app. It never calls the emulator, so it is not registered.</summary>
    public static string OtherToolAppId(int seed) => StableHash.Guid((ulong)(uint)seed, Stream).ToString();

    /// <summary>The actions created on <paramref name="day"/> (days since 0001-01-01, UTC) in the tenant, oldest first.</summary>
    public static IEnumerable<SecurityActionRecord> OnDay(int seed, Guid tenantId, long day, double meanPerDay)
    {
        var tenantKey = TenantKey(tenantId);
        var random = StableHash.Random((ulong)(uint)seed, Stream, tenantKey, (ulong)day);
        var count = Poisson(random, meanPerDay);
        var dayStart = new DateTimeOffset(day * TimeSpan.TicksPerDay, TimeSpan.Zero);
        var created = Enumerable.Range(0, count)
            .Select(_ => dayStart + TimeSpan.FromMilliseconds(Math.Floor(random.NextDouble() * TimeSpan.FromDays(1).TotalMilliseconds)))
            .Order()
            .ToList();
        for (var i = 0; i < created.Count; i++)
        {
            var id = StableHash.Guid((ulong)(uint)seed, tenantKey, ((ulong)day << 16) | (uint)i);
            var content = StableHash.Random((ulong)(uint)seed, Stream, tenantKey, ((ulong)day << 16) | (uint)i);
            yield return SecurityActionRecord.Submitted(
                id.ToString(), tenantId, Request(content), OtherToolAppId(seed), user: null, created[i], content);
        }
    }

    public static long DayOf(DateTimeOffset instant) => instant.UtcTicks / TimeSpan.TicksPerDay;

    private static SecurityActionRequest Request(Random random)
    {
        var reason = Reasons[random.Next(Reasons.Length)];
        var vendor = new SecurityVendorInformation("Windows Defender ATP", null, null, "Microsoft");
        if (random.NextDouble() < 0.7)
        {
            // Documentation address ranges (RFC 5737), never a real host.
            string[] ranges = ["192.0.2", "198.51.100", "203.0.113"];
            var ip = $"{ranges[random.Next(ranges.Length)]}.{random.Next(1, 255)}";
            return new SecurityActionRequest("BlockIp", reason, null, [new SecurityActionParameter("IP", ip)], vendor);
        }

        var sha256 = new byte[32];
        random.NextBytes(sha256);
        var hash = Convert.ToHexStringLower(sha256);
        return new SecurityActionRequest("BlockFileHash", reason, null, [new SecurityActionParameter("FileHash", hash)], vendor);
    }

    // Knuth's method: exact for the small means a tenant's daily actions have.
    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    private static ulong TenantKey(Guid tenantId)
    {
        Span<byte> bytes = stackalloc byte[16];
        tenantId.TryWriteBytes(bytes);
        return BitConverter.ToUInt64(bytes) ^ BitConverter.ToUInt64(bytes[8..]);
    }
}

namespace TenantAuditGrid.GraphEmulator;

/// <summary>
/// Seeds for deterministic generation. <see cref="HashCode"/> is randomised per process, so generation mixes its inputs with
/// SplitMix64 instead; the same inputs give the same seed in every run and on every machine. Not for security.
/// </summary>
internal static class StableHash
{
    public static ulong Mix(ulong a, ulong b = 0, ulong c = 0, ulong d = 0)
    {
        var h = Step(a);
        h = Step(h ^ b);
        h = Step(h ^ c);
        return Step(h ^ d);
    }

    public static Random Random(ulong a, ulong b = 0, ulong c = 0, ulong d = 0) =>
        new(unchecked((int)(Mix(a, b, c, d) & 0x7FFF_FFFF)));

    public static Guid Guid(ulong a, ulong b = 0, ulong c = 0)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(a, b, c, 1));
        BitConverter.TryWriteBytes(bytes[8..], Mix(a, b, c, 2));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, like Entra's object ids
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static ulong Step(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}

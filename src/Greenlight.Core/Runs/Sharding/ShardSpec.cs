using System.Globalization;

namespace Greenlight.Runs.Sharding;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/> (1-based, <c>--shard 2/4</c>).</summary>
public sealed record ShardSpec(int Index, int Count)
{
    public const int MostShards = 256;

    /// <summary>"I/N" with 1 ≤ I ≤ N ≤ 256; null with why otherwise.</summary>
    public static (ShardSpec? Shard, string? Error) Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MostShards && index >= 1 && index <= count)
        {
            return (new ShardSpec(index, count), null);
        }

        return (null, $"--shard must be I/N with 1 <= I <= N <= {MostShards} (e.g. 2/4), not '{text}'");
    }

    public override string ToString() => $"{Index}/{Count}";
}

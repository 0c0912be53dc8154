using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Greenlight.Runs.Sharding;

/// <summary>
/// Splits a suite's tests into shards, the same way in every process: longest first (each test's
/// median duration from history; a test without one counts as the mean of those that have one), each to
/// the shard with the least work so far, ties broken by a stable hash of the test's identity and then
/// the lowest shard number. Without any history every test weighs the same, so shards balance by count.
/// The same tests with the same history give the same split: a test changes shard only when the test set
/// (or its history) does.
/// </summary>
public static class ShardAssigner
{
    /// <param name="tests">The tests as the runner lists them.</param>
    /// <param name="medianMs">Median duration per test (same identity as <paramref name="tests"/>); missing ones have no history.</param>
    public static IReadOnlyList<IReadOnlyList<string>> Assign(IReadOnlyList<string> tests, IReadOnlyDictionary<string, double> medianMs, int shards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        var known = tests.Where(medianMs.ContainsKey).Select(t => medianMs[t]).ToList();
        var fallback = known.Count == 0 ? 1.0 : Math.Max(1.0, known.Average());
        var ordered = tests.Distinct(StringComparer.Ordinal)
            .Select(t => (Test: t, Weight: medianMs.TryGetValue(t, out var ms) ? Math.Max(1.0, ms) : fallback, Hash: StableHash(t)))
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Hash).ThenBy(t => t.Test, StringComparer.Ordinal)
            .ToList();
        var load = new double[shards];
        var owned = Enumerable.Range(0, shards).Select(_ => new List<string>()).ToArray();
        foreach (var (test, weight, _) in ordered)
        {
            var target = 0;
            for (var shard = 1; shard < shards; shard++)
            {
                if (load[shard] < load[target] || (load[shard] == load[target] && owned[shard].Count < owned[target].Count))
                {
                    target = shard;
                }
            }

            load[target] += weight;
            owned[target].Add(test);
        }

        return [.. owned.Select(o => (IReadOnlyList<string>)[.. o])];
    }

    /// <summary>The first 8 bytes of the identity's SHA-256: the same on every machine and in every process (string.GetHashCode is not).</summary>
    public static ulong StableHash(string identity) =>
        BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
}

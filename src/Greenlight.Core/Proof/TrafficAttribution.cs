using Greenlight.Model;

namespace Greenlight.Proof;

/// <summary>
/// Ties traffic records to tests (docs/proof.md): a record whose X-Greenlight-Test equals a
/// test's name, full name, class name or pytest node id belongs to that test alone; any other record
/// belongs to the one test whose window it overlaps, or, when it overlaps none, to the nearest window
/// within the clock skew. A record in the windows of several tests at once belongs to none of them.
/// </summary>
public static class TrafficAttribution
{
    public sealed record Subject(IReadOnlySet<string> Names, TimeWindow? Window);

    public sealed record Result(
        IReadOnlyList<IReadOnlyList<TrafficRecord>> PerSubject,
        IReadOnlyList<bool> MatchedByHeader,
        int UnknownTestHeaders,
        int Unattributed)
    {
        /// <summary>Records in the windows of several tests at once: tied to none, since any of them could have sent it.</summary>
        public int Ambiguous { get; init; }
    }

    public static Result Attribute(IReadOnlyList<Subject> subjects, IReadOnlyList<TrafficRecord> records, TimeSpan skew)
    {
        // A list only for a test that gets a record: most of a huge suite gets none and shares the empty one.
        var per = new List<TrafficRecord>?[subjects.Count];
        var byHeader = new bool[subjects.Count];
        int unknown = 0, unattributed = 0, ambiguous = 0;
        foreach (var record in records)
        {
            if (record.Test is { } test)
            {
                var named = Enumerable.Range(0, subjects.Count).Where(i => subjects[i].Names.Contains(test)).ToList();
                if (named.Count > 1)
                {
                    // The same short name in several classes: prefer the one running at the time.
                    var running = named.Where(i => subjects[i].Window?.Overlaps(record.Started, record.Ended, skew) == true).ToList();
                    named = running.Count > 0 ? running : named;
                }

                if (named.Count > 0)
                {
                    foreach (var i in named)
                    {
                        (per[i] ??= []).Add(record);
                        byHeader[i] = true;
                    }

                    continue;
                }

                unknown++;
            }

            var targets = ByWindow(subjects, record, skew);
            if (targets.Count == 0) unattributed++;
            if (targets.Count > 1)
            {
                ambiguous++;
                continue;
            }

            foreach (var i in targets) (per[i] ??= []).Add(record);
        }

        return new Result(new PerSubjectLists(per), byHeader, unknown, unattributed) { Ambiguous = ambiguous };
    }

    /// <summary>Each subject's records, the shared empty list for one that got none (no second million-entry list).</summary>
    private sealed class PerSubjectLists(List<TrafficRecord>?[] per) : IReadOnlyList<IReadOnlyList<TrafficRecord>>
    {
        public int Count => per.Length;

        public IReadOnlyList<TrafficRecord> this[int index] => (IReadOnlyList<TrafficRecord>?)per[index] ?? [];

        public IEnumerator<IReadOnlyList<TrafficRecord>> GetEnumerator()
        {
            for (var i = 0; i < per.Length; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// The tests a record falls to by time: the windows holding the moment it was sent; failing that,
    /// the windows it overlaps; failing that, the nearest window within the clock skew. More than one
    /// means tests ran at once and any of them could have sent it.
    /// </summary>
    private static List<int> ByWindow(IReadOnlyList<Subject> subjects, TrafficRecord record, TimeSpan skew)
    {
        var sentIn = new List<int>();
        var overlapping = new List<int>();
        var nearest = new List<int>();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < subjects.Count; i++)
        {
            if (subjects[i].Window is not { } window) continue;
            if (window.DistanceTo(record.Started, record.Started) == TimeSpan.Zero) sentIn.Add(i);
            var distance = window.DistanceTo(record.Started, record.Ended);
            if (distance == TimeSpan.Zero)
            {
                overlapping.Add(i);
            }
            else if (distance <= skew && distance <= best)
            {
                if (distance < best) nearest.Clear();
                best = distance;
                nearest.Add(i);
            }
        }

        return sentIn.Count > 0 ? sentIn : overlapping.Count > 0 ? overlapping : nearest;
    }
}

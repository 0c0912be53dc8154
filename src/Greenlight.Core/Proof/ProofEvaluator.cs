using Greenlight.Model;
using Greenlight.Plugins;

namespace Greenlight.Proof;

/// <summary>
/// Judges every test of one suite run with the proof rules. Pure: it reads the facts it is given
/// and never touches a clock, a file or a socket.
/// </summary>
public sealed class ProofEvaluator(IReadOnlyList<IProofRule> rules)
{
    public ProofEvaluator()
        : this(ProofRules.All)
    {
    }

    public SuiteProof Evaluate(ProofInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var config = input.Config;
        var disabled = new Dictionary<string, string>(config.Disabled, StringComparer.Ordinal);
        if (!config.RequireTraffic) disabled.TryAdd(ProofReason.NoTraffic, "require_traffic: false");
        var active = rules.Where(r => !disabled.ContainsKey(r.Code)).ToList();
        var notes = disabled.Select(d => $"{d.Key}: disabled for this suite ({d.Value})").ToList();

        var suite = BuildSuite(input);
        var tests = BuildTests(input, suite, notes);

        var suiteChecks = active.Select(r => r.CheckSuite(suite)).Where(c => c.Status == ProofCheckStatus.Unproven).ToList();
        suiteChecks.AddRange(ProofLevels.SuiteChecks(input, tests));
        // Each test's evidence is judged as it is made and then dropped: a million tests never hold a million evidence records.
        var proofs = new List<TestProof>(tests.Count);
        var shared = new Dictionary<string, IReadOnlyList<ProofCheck>>(StringComparer.Ordinal);
        for (var i = 0; i < tests.Count; i++)
        {
            var test = tests[i];
            proofs.Add(ProofLevels.Require(Judge(test, suite, active, shared), test, input));
        }

        notes.AddRange(ProofLevels.Notes(input, proofs));
        notes.AddRange(proofs.SelectMany(p => p.NotEvaluated)
            .CountBy(c => (c.Code, c.Detail))
            .Select(g => $"{g.Key.Code}: could not be evaluated for {g.Value} test(s): {g.Key.Detail}"));

        return new SuiteProof
        {
            SuiteId = input.SuiteId,
            Tests = proofs,
            SuiteReasons = [.. suiteChecks.Select(c => c.Code)],
            SuiteEvidence = [.. suiteChecks.Select(c => $"{c.Code}: {c.Detail}")],
            Notes = notes,
        };
    }

    /// <param name="shared">
    /// The lists of unevaluated checks made so far, by their codes and details: tests that lack the same
    /// facts share one list (a million tests without times would otherwise keep five million equal checks).
    /// </param>
    private static TestProof Judge(TestEvidence test, SuiteEvidence suite, IReadOnlyList<IProofRule> active, Dictionary<string, IReadOnlyList<ProofCheck>> shared)
    {
        var checks = active.Select(r => r.CheckTest(test, suite)).ToList();
        var unproven = checks.Where(c => c.Status == ProofCheckStatus.Unproven).ToList();
        var notEvaluated = checks.Where(c => c.Status == ProofCheckStatus.NotEvaluated).ToList();
        // Most tests have no reason and no unevaluated rule: they share the empty lists (a million tests, no million empty lists).
        return new TestProof
        {
            Case = test.Case,
            Proven = test.Passed && unproven.Count == 0,
            Reasons = unproven.Count == 0 ? [] : [.. unproven.Select(c => c.Code)],
            Evidence = unproven.Count == 0 ? [] : [.. unproven.Select(c => $"{c.Code}: {c.Detail}")],
            Duration = test.Duration,
            Requests = test.Traffic.Count,
            Level = test.Level,
            NotEvaluated = notEvaluated.Count == 0 ? [] : Shared(notEvaluated, shared),
        };
    }

    private static IReadOnlyList<ProofCheck> Shared(List<ProofCheck> checks, Dictionary<string, IReadOnlyList<ProofCheck>> shared)
    {
        var key = string.Join('\u001e', checks.Select(c => $"{c.Code}\u001f{c.Detail}"));
        if (!shared.TryGetValue(key, out var list))
        {
            shared[key] = list = [.. checks];
        }

        return list;
    }

    private static SuiteEvidence BuildSuite(ProofInput input)
    {
        var pytestErrors = input.Pytest?.CollectErrors.Select(e => $"{e.NodeId}: {LastErrorLine(e.Message)}") ?? [];
        return new SuiteEvidence
        {
            SuiteId = input.SuiteId,
            Runner = input.Runner,
            Cases = input.Cases,
            Collected = input.Collected ?? input.Pytest?.Collected,
            CollectionErrors = [.. input.CollectionErrors.Concat(pytestErrors).Distinct(StringComparer.Ordinal)],
            Probes = input.Probes,
            Config = input.Config,
        };
    }

    private static IReadOnlyList<TestEvidence> BuildTests(ProofInput input, SuiteEvidence suite, List<string> notes)
    {
        // A copy only when there is a collection-error case to leave out: a million cases are not listed twice.
        IReadOnlyList<TestCaseResult> cases = input.Cases.Any(Rules.CollectionErrorRule.IsCollectionErrorCase)
            ? [.. input.Cases.Where(c => !Rules.CollectionErrorRule.IsCollectionErrorCase(c))]
            : input.Cases;
        var events = PytestMatcher.Match(cases, input.Pytest);
        // Names matter only for requests that carry X-Greenlight-Test: without any, no test needs its own set;
        // a test with neither names nor a window shares one subject (a JUnit file without times: all of them).
        var tagged = input.Traffic.Any(r => r.Test is not null);
        var subjects = new TrafficAttribution.Subject[cases.Count];
        for (var i = 0; i < subjects.Length; i++)
        {
            var window = Window(cases[i], events[i]);
            subjects[i] = !tagged && window is null ? Unnamed : new TrafficAttribution.Subject(tagged ? Names(cases[i], events[i]) : NoNames, window);
        }

        var suiteServices = input.Services.Distinct(StringComparer.Ordinal).ToList();
        var traffic = TrafficAttribution.Attribute(subjects, input.Traffic, input.Config.ClockSkew);
        if (traffic.Ambiguous > 0)
        {
            notes.Add($"{traffic.Ambiguous} request(s) fell into the windows of several tests running at once; tied to none of them");
        }

        if (traffic.UnknownTestHeaders > 0)
        {
            notes.Add($"{traffic.UnknownTestHeaders} request(s) named a test (X-Greenlight-Test) that is not in this suite's results; tied by time instead");
        }

        // Requests of this suite named its tests, so its process tags every request it sends: a test
        // whose name no request carried sent none through the proxies (request level, no traffic).
        var tagsItsRequests = traffic.MatchedByHeader.Any(m => m);
        return new Lazy<TestCaseResult, TestEvidence>(cases, (c, i) =>
        {
            var attributed = traffic.PerSubject[i];
            return new TestEvidence
            {
                Case = c,
                Pytest = events[i],
                Window = subjects[i].Window,
                Duration = events[i]?.WorkDuration ?? c.Duration,
                Traffic = attributed,
                TrafficKnown = subjects[i].Window is not null || traffic.MatchedByHeader[i] || tagsItsRequests,
                Level = !input.Recorded ? ProofLevel.None
                    : traffic.MatchedByHeader[i] ? ProofLevel.Request
                    : subjects[i].Window is not null ? ProofLevel.Window
                    : tagsItsRequests ? ProofLevel.Request
                    : ProofLevel.Suite,
                MedianDuration = input.MedianDurations.TryGetValue(c.FullName, out var median) ? median : null,
                Output = Output(c, events[i]),
                TargetServices = attributed.Count == 0 ? suiteServices : [.. attributed.Select(r => r.Service).Concat(input.Services).Distinct(StringComparer.Ordinal)],
            };
        });
    }

    /// <summary>A list whose items are made when read (each read makes a new one).</summary>
    private sealed class Lazy<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, int, TOut> make) : IReadOnlyList<TOut>
    {
        public int Count => items.Count;

        public TOut this[int index] => make(items[index], index);

        public IEnumerator<TOut> GetEnumerator() => items.Select(make).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    private static readonly TrafficAttribution.Subject Unnamed = new(NoNames, null);

    private static HashSet<string> Names(TestCaseResult c, PytestTestEvent? e)
    {
        // The class name too: one request can carry several assertions (newman names its request so).
        var names = new HashSet<string>(StringComparer.Ordinal) { c.Name, c.FullName };
        if (c.ClassName.Length > 0) names.Add(c.ClassName);
        if (e is not null) names.Add(e.NodeId);
        return names;
    }

    private static TimeWindow? Window(TestCaseResult c, PytestTestEvent? e) =>
        c is { Started: { } s, Ended: { } end } ? new TimeWindow(s, end)
        : e is { Started: { } ps, Ended: { } pe } ? new TimeWindow(ps, pe)
        : null;

    private static List<string>? Output(TestCaseResult c, PytestTestEvent? e)
    {
        if (e is null && c.Output is null) return null;
        var lines = new List<string>(e?.Output ?? []);
        if (c.Output is not null) lines.AddRange(c.Output.Split('\n'));
        return lines;
    }

    private static string LastErrorLine(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("E ", StringComparison.Ordinal))?[1..].Trim() ?? lines.LastOrDefault() ?? "";
    }
}

using System.Text.Json;
using Greenlight.Model;
using Greenlight.Reporting;
using Greenlight.Traffic;

namespace Greenlight.Reports;

/// <summary>One bar of the run's timeline: where it sits (ms from the run's start), how long it took, and how it ended.</summary>
/// <param name="Kind">"ok", "fail" or "info" (no verdict of its own).</param>
public sealed record TimelineSpan(string Label, double StartMs, double DurationMs, string Kind, string Detail);

/// <summary>Everything report.html shows, gathered from the run folder: the record, its trail, its traffic and the run before it.</summary>
/// <param name="ListedCount">How many of the <paramref name="TestCount"/> tests the page carries (<see cref="MaxListedTests"/>).</param>
public sealed record ReportView(RunRecord Run, IReadOnlyList<TimelineSpan> Timeline, double TimelineMs, string TestsJson, int TestCount, int ListedCount)
{
    /// <summary>Tests carry at most this many of their requests into the page (the count says how many there were).</summary>
    public const int RequestsPerTest = 100;

    /// <summary>
    /// The page carries at most this many tests (twice the 10,000 the page is measured with): a million
    /// tests would make a page of hundreds of MB that no browser opens, and cost the run gigabytes to
    /// render. Above it the failing tests come first, then the doubted passes, the skipped and the
    /// proven passes; every test is in tests.jsonl, and the page says how many it lists.
    /// </summary>
    public const int MaxListedTests = 20_000;

    private static readonly JsonSerializerOptions PageJson = new() { PropertyNamingPolicy = null };

    /// <param name="redact">Masks the text read from the run folder's traffic (the record itself is already masked); the page is rendered escaped, so masking it afterwards would miss a secret the escaping changed.</param>
    public static async Task<ReportView> BuildAsync(RunRecord run, string runDirectory, Func<string, string> redact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(redact);
        var traffic = File.Exists(Path.Combine(runDirectory, "traffic.jsonl"))
            ? [.. TrafficJson.ReadFile(Path.Combine(runDirectory, "traffic.jsonl")).Records.Select(t => t with
            {
                Path = redact(t.Path),
                Test = t.Test is null ? null : redact(t.Test),
                CloseReason = t.CloseReason is null ? null : redact(t.CloseReason),
                Error = t.Error is null ? null : redact(t.Error),
                ErrorText = t.ErrorText is null ? null : redact(t.ErrorText),
            })]
            : Array.Empty<TrafficRecord>();
        var listed = Listed(run.Tests);
        var previous = await PreviousDurationsAsync(run, listed, runDirectory, cancellationToken);
        // The record carries its timeline; an older run.json does not, so its trail file is read.
        var (timeline, total) = BuildTimeline(run, run.Timeline.Count > 0 ? run.Timeline : TrailFile.ReadSteps(runDirectory));
        return new ReportView(run, timeline, total, BuildTestsJson(run, listed, traffic, previous), run.Tests.Count, listed.Count);
    }

    /// <summary>The tests the page lists: all of them up to <see cref="MaxListedTests"/>; above it that many, most urgent first, each group in the record's order.</summary>
    public static IReadOnlyList<TestRecord> Listed(IReadOnlyList<TestRecord> tests)
    {
        ArgumentNullException.ThrowIfNull(tests);
        if (tests.Count <= MaxListedTests)
        {
            return tests;
        }

        var listed = new List<TestRecord>(MaxListedTests);
        foreach (var group in new[] { "failing", "unproven", "skipped", "passed" })
        {
            foreach (var test in tests)
            {
                if (listed.Count == MaxListedTests)
                {
                    return listed;
                }

                if (Group(test) == group)
                {
                    listed.Add(test);
                }
            }
        }

        return listed;
    }

    private static string Group(TestRecord test) => Status(test) switch
    {
        "flaky" or "failed" or "error" => "failing",
        var status => status,
    };

    /// <summary>The tests as the page's script reads them: short keys, one object each, requests attributed by the test's header or its time window.</summary>
    public static string BuildTestsJson(RunRecord run, IReadOnlyList<TestRecord> listed, IReadOnlyList<TrafficRecord> traffic, IReadOnlyDictionary<string, long> previous)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(listed);
        var phases = run.Suites.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Priority);
        var byTest = traffic.Where(t => t.Test is not null).GroupBy(t => t.Test!).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Started).ToList());
        var untagged = traffic.Where(t => t.Test is null).OrderBy(t => t.Started).ToList();
        var tests = new List<object>(listed.Count);
        foreach (var test in listed)
        {
            var (requests, level) = RequestsOf(test, byTest, untagged);
            tests.Add(new
            {
                s = test.Suite,
                ph = phases.GetValueOrDefault(test.Suite) ?? "",
                n = test.Name,
                o = Status(test),
                d = test.DurationMs,
                pd = previous.TryGetValue(Key(test.Suite, test.Name), out var before) ? before : (long?)null,
                hm = test.HistoryMedianMs,
                p = test.Proven,
                r = test.Reasons,
                e = test.Evidence,
                m = test.Message,
                st = test.StackTrace,
                lv = test.ProofLevel,
                a = test.Attempts,
                fr = test.FlipRate,
                rc = test.Requests,
                ql = level,
                q = requests.Take(RequestsPerTest).Select(Request).ToList(),
                qn = requests.Count,
            });
        }

        return JsonSerializer.Serialize(tests, PageJson);
    }

    /// <summary>What the report's filter calls a test: failed, error, flaky, unproven (a doubted pass), passed or skipped.</summary>
    public static string Status(TestRecord test) => test switch
    {
        { Flaky: true } => "flaky",
        { Outcome: TestOutcome.Failed } => "failed",
        { Outcome: TestOutcome.Error } => "error",
        { Outcome: TestOutcome.Skipped } => "skipped",
        { Proven: false } => "unproven",
        _ => "passed",
    };

    private static (IReadOnlyList<TrafficRecord> Requests, string Level) RequestsOf(TestRecord test, Dictionary<string, List<TrafficRecord>> byTest, List<TrafficRecord> untagged)
    {
        if (byTest.TryGetValue(test.Name, out var tagged) || byTest.TryGetValue(test.Name.Split('.')[^1], out tagged))
        {
            return (tagged, "header");
        }

        if (test.StartedAt is { } start && untagged.Count > 0)
        {
            var end = start.AddMilliseconds(Math.Max(test.DurationMs, 1));
            return ([.. untagged.Where(t => t.Started >= start && t.Started <= end)], "window");
        }

        return ([], "none");
    }

    private static object Request(TrafficRecord t) => new
    {
        at = t.Started.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        sv = t.Service,
        m = t.Method,
        pa = t.Path,
        st = t.Status,
        ms = Math.Round(t.Latency.TotalMilliseconds, 1),
        ws = t.IsWebSocket,
        up = t.MessagesToServer,
        dn = t.MessagesToClient,
        cc = t.CloseCode,
        cr = t.CloseReason,
        err = t.Error ?? t.ErrorText,
    };

    private static string Key(string suite, string name) => suite + "\u001f" + name;

    /// <summary>
    /// The last run's duration of each listed test, read from its folder one test at a time (its tests.jsonl,
    /// else the tests its run.json lists), keeping only the listed ones: a million-test last run is never held.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, long>> PreviousDurationsAsync(RunRecord run, IReadOnlyList<TestRecord> listed, string runDirectory, CancellationToken cancellationToken)
    {
        var durations = new Dictionary<string, long>();
        if (run.History?.Previous?.RunId is not { } id || Path.GetDirectoryName(Path.GetFullPath(runDirectory)) is not { } runs)
        {
            return durations;
        }

        var folder = Path.Combine(runs, id);
        var wanted = listed.Select(t => Key(t.Suite, t.Name)).ToHashSet(StringComparer.Ordinal);
        try
        {
            var summary = Path.Combine(folder, RunJsonReporter.FileName);
            if (!File.Exists(summary) || RunJson.Deserialize(await File.ReadAllTextAsync(summary, cancellationToken)) is not { } before)
            {
                return durations;
            }

            var tests = Path.Combine(folder, RunJson.TestsFile);
            if (!File.Exists(tests))
            {
                foreach (var test in before.Tests.Where(t => wanted.Contains(Key(t.Suite, t.Name))))
                {
                    durations[Key(test.Suite, test.Name)] = test.DurationMs;
                }

                return durations;
            }

            // The last run's tests are those of its last iteration.
            var last = before.Iterations.Count > 0 ? before.Iterations[^1].Number : 1;
            await using var stream = new FileStream(tests, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
            await foreach (var (iteration, test) in RunJson.ReadTestLinesAsync(stream, cancellationToken))
            {
                if (iteration == last && Key(test.Suite, test.Name) is var key && wanted.Contains(key))
                {
                    durations[key] = test.DurationMs;
                }
            }

            return durations;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            // The previous run's folder is gone or unreadable: the report shows durations without it.
        }

        return new Dictionary<string, long>();
    }

    /// <summary>
    /// Bars from the trail: a step without a result opens a bar, the next step of the same stage and
    /// subject with one closes it. A service built ahead of its start has a build bar of its own; a deploy
    /// that built and started in one step is split into its build and start (the service record has both); the suites of a priority make its phase; a result with nothing open (a rollback, a
    /// retry) is a mark of its own.
    /// </summary>
    public static (IReadOnlyList<TimelineSpan> Spans, double TotalMs) BuildTimeline(RunRecord run, IReadOnlyList<TrailStep> trail)
    {
        ArgumentNullException.ThrowIfNull(run);
        var origin = trail.Count > 0 ? trail[0].At : run.StartedAt;
        var spans = new List<TimelineSpan>();
        var open = new Dictionary<(string, string), TrailStep>();
        var services = run.Iterations.SelectMany(i => i.Services).Concat(run.Services).GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Last());
        var suitePhase = run.Iterations.SelectMany(i => i.Suites).Concat(run.Suites).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.Last().Priority);
        var suiteSpans = new List<(string Phase, double Start, double End, bool Ok)>();
        var builtAhead = trail.Where(s => s.Stage == "build").Select(s => s.Subject).ToHashSet(StringComparer.Ordinal);
        foreach (var step in trail)
        {
            var key = (step.Stage, step.Subject);
            if (step.Ok is null)
            {
                open.TryAdd(key, step);
                continue;
            }

            var at = Ms(step.At - origin);
            if (!open.Remove(key, out var begun))
            {
                if (step.Stage is "rollback" or "retry" or "remediate" or "loop" || step.Ok == false)
                {
                    spans.Add(new TimelineSpan($"{step.Stage} {step.Subject}", at, 0, step.Ok == true ? "ok" : "fail", step.Text));
                }

                continue;
            }

            var start = Ms(begun.At - origin);
            var kind = step.Ok == true ? "ok" : "fail";
            // A service built ahead has its own build span; one built as part of its deploy step is split here.
            if (step.Stage == "deploy" && !builtAhead.Contains(step.Subject) && services.TryGetValue(step.Subject, out var service) && service.BuildMs > 0 && service.BuildMs < at - start)
            {
                spans.Add(new TimelineSpan($"build {step.Subject}", start, service.BuildMs, "ok", $"build {step.Subject}"));
                spans.Add(new TimelineSpan($"start {step.Subject}", start + service.BuildMs, at - start - service.BuildMs, kind, step.Text));
                continue;
            }

            var label = step.Stage switch
            {
                "test" => $"suite {step.Subject}",
                "iteration" => $"iteration {step.Subject}",
                _ => $"{step.Stage} {step.Subject}",
            };
            spans.Add(new TimelineSpan(label, start, at - start, kind, step.Text));
            if (step.Stage == "test")
            {
                suitePhase.TryGetValue(step.Subject, out var phase);
                suiteSpans.Add((phase ?? "?", start, at, step.Ok == true));
            }
        }

        if (trail.Count == 0)
        {
            // An older run without a trail: the suites' own start times are what there is.
            foreach (var suite in run.Suites.Where(s => s.StartedAt is not null))
            {
                var start = Ms(suite.StartedAt!.Value - origin);
                spans.Add(new TimelineSpan($"suite {suite.Id}", start, suite.DurationMs, suite.Outcome == StageOutcome.Passed ? "ok" : "fail", suite.Outcome.ToString()));
                suiteSpans.Add((suite.Priority, start, start + suite.DurationMs, suite.Outcome == StageOutcome.Passed));
            }
        }

        foreach (var phase in suiteSpans.GroupBy(s => s.Phase).OrderBy(g => g.Min(s => s.Start)))
        {
            var start = phase.Min(s => s.Start);
            spans.Add(new TimelineSpan($"phase {phase.Key}", start, phase.Max(s => s.End) - start, phase.All(s => s.Ok) ? "ok" : "fail", $"phase {phase.Key}"));
        }

        var total = Math.Max(run.Timings.TotalMs, spans.Count == 0 ? 0 : spans.Max(s => s.StartMs + s.DurationMs));
        return ([.. spans.OrderBy(s => s.StartMs)], Math.Max(total, 1));
    }

    private static double Ms(TimeSpan span) => Math.Max(0, Math.Round(span.TotalMilliseconds));
}

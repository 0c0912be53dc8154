using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Cli.Output;

/// <summary>
/// What the live view shows while tests run, counted from the run's progress steps: the phase and the
/// suite running now, tests done and failures so far (in the phase and in the run), and elapsed times.
/// A suite's tests are counted when it ends ("p1: 12 passed, 1 failed, 0 errors, 0 skipped in 3 s").
/// </summary>
internal sealed partial class PhaseTally(TimeProvider time)
{
    private readonly DateTimeOffset _start = time.GetUtcNow();
    private readonly Dictionary<string, string> _phaseOf = new(StringComparer.Ordinal);
    private string? _phase;
    private string? _suite;
    private DateTimeOffset _phaseStart;
    private DateTimeOffset _suiteStart;
    private int _phaseTests;
    private int _phaseFailed;
    private int _phaseSuites;
    private int _tests;
    private int _failed;

    /// <summary>Takes one step; true when it concerns the tests (the line to show changed).</summary>
    public bool Step(string stage, string subject, string text, bool? ok)
    {
        if (stage != "test")
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (ok is null)
        {
            // "running p1-critical (P1, dotnet)"
            var phase = PhaseOf().Match(text) is { Success: true } m ? m.Groups[1].Value : "";
            _phaseOf[subject] = phase;
            if (phase != _phase)
            {
                (_phase, _phaseStart, _phaseTests, _phaseFailed, _phaseSuites) = (phase, now, 0, 0, 0);
            }

            (_suite, _suiteStart) = (subject, now);
            return true;
        }

        if (Counts().Match(text) is { Success: true } counts)
        {
            int N(int group) => int.Parse(counts.Groups[group].Value, CultureInfo.InvariantCulture);
            var total = N(1) + N(2) + N(3) + N(4);
            var failed = N(2) + N(3);
            (_tests, _failed) = (_tests + total, _failed + failed);
            if (_phaseOf.GetValueOrDefault(subject) == _phase)
            {
                (_phaseTests, _phaseFailed) = (_phaseTests + total, _phaseFailed + failed);
            }
        }

        _phaseSuites++;
        _suite = null;
        return true;
    }

    /// <summary>"P2 · p2-api 12 s · phase: 40 tests, 1 failed, 31 s · run: 65 tests, 1 failed, 1 m 4 s"; null before any test ran.</summary>
    public string? Line()
    {
        if (_phase is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var running = _suite is null ? $"{_phaseSuites} suite(s) done" : $"{_suite} {Elapsed(now - _suiteStart)}";
        return $"{_phase} · {running} · phase: {_phaseTests} tests, {_phaseFailed} failed, {Elapsed(now - _phaseStart)} · run: {_tests} tests, {_failed} failed, {Elapsed(now - _start)}";
    }

    private static string Elapsed(TimeSpan span) =>
        span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s" : $"{(int)span.TotalMinutes} m {span.Seconds} s";

    [GeneratedRegex(@"\((P\d+)\b")]
    private static partial Regex PhaseOf();

    [GeneratedRegex(@"(\d+) passed, (\d+) failed, (\d+) errors?, (\d+) skipped")]
    private static partial Regex Counts();
}

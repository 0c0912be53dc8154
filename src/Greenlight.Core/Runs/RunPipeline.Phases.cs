using Greenlight.Config;
using Greenlight.Stages;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    private async Task RunPhasesAsync(RunState state, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var environment = Deploy.ServiceVariables.ForAll(TestUrls(state));
        try
        {
            foreach (var phase in state.Plan.Phases)
            {
                var results = new List<SuiteRecord>();
                foreach (var suite in PreviouslyFailingFirst(state, phase.Suites))
                {
                    results.Add(await RunSuiteAsync(state, suite, environment, cancellationToken));
                }

                var record = PhaseEvaluator.Evaluate(phase.Label, results);
                state.Phases.Add(record);
                if (record.Outcome == StageOutcome.Failed && state.FailFast)
                {
                    state.SkipRemaining($"fail-fast: phase {phase.Label} missed its criterion");
                    return;
                }
            }
        }
        finally
        {
            state.Timings = state.Timings with { TestsMs = SuiteEvaluator.Ms(time.GetElapsedTime(started)) };
        }
    }

    private async Task<SuiteRecord> RunSuiteAsync(RunState state, SuiteConfig suite, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        progress.Step("test", suite.Id, $"running {suite.Id} ({suite.PriorityLabel}, {suite.Runner})", null);
        var directory = Path.Combine(state.WorkDirectory, "suites", suite.Id);
        Directory.CreateDirectory(directory);
        var suiteEnvironment = suite.Environment.ToDictionary(kv => kv.Key, kv => RuntimePlaceholders.ExpandUrls(kv.Value, TestUrls(state)));
        foreach (var (name, value) in environment)
        {
            suiteEnvironment[name] = value;
        }

        var context = new SuiteRunContext(directory, state.Config.RootDirectory, suiteEnvironment, state.FailFast);
        var trafficBefore = state.Traffic?.Snapshot().Count ?? 0;
        var result = await stages.Runner(suite.Runner)!.RunAsync(suite, context, cancellationToken);
        result = await RetryFailedAsync(state, suite, context, result, cancellationToken);
        CollectFailures(state, suite, result);
        await LoadBaselinesAsync(state, suite.Id, result.Cases, cancellationToken);
        var (record, tests) = SuiteEvaluator.Evaluate(suite, result);
        (record, tests) = await ProveAsync(state, suite, result, record, tests, trafficBefore, cancellationToken);
        record = record with
        {
            Command = redactor.Redact(record.Command ?? ""),
            Problems = [.. record.Problems.Select(redactor.Redact)],
            Output = record.Output is null ? null : Path.GetRelativePath(state.RunDirectory, record.Output),
            ResultFiles = [.. record.ResultFiles.Select(f => Path.GetRelativePath(state.RunDirectory, f))],
        };
        state.Suites.Add(record);
        state.Tests.AddRange(tests.Select(t => t with
        {
            Message = t.Message is null ? null : redactor.Redact(t.Message),
            Evidence = [.. t.Evidence.Select(redactor.Redact)],
        }));
        var summary = $"{record.Passed} passed, {record.Failed} failed, {record.Errors} errors, {record.Skipped} skipped"
            + (record.TimedOut ? ", timed out" : "");
        state.Commands.Add(new CommandRecord
        {
            Kind = "test", Subject = suite.Id, CommandLine = record.Command ?? "",
            DurationMs = record.DurationMs, ExitCode = record.ExitCode, Summary = summary,
        });
        progress.Step("test", suite.Id, $"{suite.Id}: {summary} in {Reporting.Format.Duration(record.DurationMs)}", record.Outcome == StageOutcome.Passed);
        return record;
    }
}

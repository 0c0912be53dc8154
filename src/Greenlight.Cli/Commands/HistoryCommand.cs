using System.CommandLine;
using System.Text.Json;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.History;
using Greenlight.Reporting;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight history</c>: recent runs, pass rates per suite and phase, slowest and flakiest tests, open clusters.</summary>
internal static class HistoryCommand
{
    /// <summary>What <c>--json</c> prints (snake_case keys).</summary>
    internal sealed record HistoryReport(
        string Project,
        string Store,
        IReadOnlyList<HistoryRunSummary> Runs,
        IReadOnlyList<PassRate> PassRateBySuite,
        IReadOnlyList<PassRate> PassRateByPhase,
        IReadOnlyList<SlowTest> SlowestTests,
        IReadOnlyList<FlakyTest> FlakyTests,
        IReadOnlyList<OpenCluster> OpenClusters);

    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json("Print the history as JSON on stdout");
        var runs = new Option<int>("--runs", "-n") { Description = "How many recent runs to show and aggregate over", DefaultValueFactory = _ => 10 };
        var command = new Command("history", "Show what the history store (history: in greenlight.yaml) remembers: recent runs, pass rates per suite and phase, slowest and flakiest tests, open clusters.")
        {
            config, json, runs,
        };
        command.SetAction((parse, cancellationToken) => ShowAsync(redactor, parse.GetValue(config), parse.GetValue(json), Math.Max(1, parse.GetValue(runs)), cancellationToken));
        return command;
    }

    private static async Task<int> ShowAsync(SecretRedactor redactor, string? configPath, bool json, int runs, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: json);
        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return CliApp.UsageError;
        }

        var (report, error) = await LoadAsync(config, runs, cancellationToken);
        if (report is null)
        {
            terminal.Error(error!);
            return CliApp.UsageError;
        }
        if (json)
        {
            Terminal.Data(redactor, JsonSerializer.Serialize(report, RunJson.Options) + "\n");
            return 0;
        }

        HistoryPrinter.Print(terminal, report);
        return 0;
    }

    /// <summary>Everything <c>history</c> shows, or why the store could not be read ("history unavailable: …").</summary>
    internal static async Task<(HistoryReport? Report, string? Error)> LoadAsync(Config.GreenlightConfig config, int runs, CancellationToken cancellationToken)
    {
        var opened = await HistoryStores.OpenAsync(config.HistoryStore.SqlitePath, config.HistoryStore.Postgres, config.RootDirectory, TimeProvider.System, cancellationToken);
        if (!opened.Succeeded)
        {
            return (null, $"history unavailable: {opened.Error}");
        }

        await using var store = opened.Value!;
        var project = config.Project;
        var recent = await store.RecentRunsAsync(project, runs, cancellationToken);
        var bySuite = await store.PassRateBySuiteAsync(project, runs, cancellationToken);
        var byPhase = await store.PassRateByPhaseAsync(project, runs, cancellationToken);
        var slowest = await store.SlowestTestsAsync(project, runs, 5, cancellationToken);
        var flaky = await store.FlakyTestsAsync(project, runs, cancellationToken);
        var clusters = await store.OpenClustersAsync(project, cancellationToken);
        if (new[] { recent.Error, bySuite.Error, byPhase.Error, slowest.Error, flaky.Error, clusters.Error }.FirstOrDefault(e => e is not null) is { } failed)
        {
            return (null, $"history unreadable: {failed}");
        }

        return (new HistoryReport(project, store.Description, recent.Value!, bySuite.Value!, byPhase.Value!, slowest.Value!, flaky.Value!, clusters.Value!), null);
    }
}

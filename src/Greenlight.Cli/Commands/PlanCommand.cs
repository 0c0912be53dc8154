using System.CommandLine;
using System.Text.Json;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Config;
using Greenlight.Planning;
using Greenlight.Reporting;
using Greenlight.Secrets;
using Greenlight.Stages;
using Spectre.Console;

namespace Greenlight.Cli.Commands;

internal static class PlanCommand
{
    private sealed record PlannedSuite(SuiteConfig Suite, TestListing? Listing, string? Unavailable);

    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var focus = CommonOptions.Focus();
        var json = CommonOptions.Json("Print the plan as JSON on stdout");
        var command = new Command("plan",
            "Show what 'run' would do for a focus, deploying nothing: phases in priority order, their suites, impact, "
            + "pass criterion, and the tests each suite holds as its runner lists them.")
        {
            config, focus, json,
        };
        command.SetAction((parse, cancellationToken) =>
            PlanAsync(redactor, parse.GetValue(config), parse.GetValue(focus), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> PlanAsync(SecretRedactor redactor, string? configPath, string? focus, bool json, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: json);
        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return CliApp.UsageError;
        }

        var planned = Planner.Plan(config, focus);
        if (planned.Plan is not { } plan)
        {
            terminal.Error(planned.Error!);
            return CliApp.UsageError;
        }

        var stages = StageCatalog.Create(TimeProvider.System, redactor);
        var suites = new List<PlannedSuite>();
        foreach (var suite in plan.Suites)
        {
            suites.Add(await ListAsync(stages.Runner(suite.Runner), suite, config.RootDirectory, cancellationToken));
        }

        if (json)
        {
            Terminal.Data(redactor, Json(plan, suites));
        }
        else
        {
            Print(terminal, plan, suites);
        }

        return 0;
    }

    internal static async Task<(TestListing? Listing, string? Unavailable)> ListTestsAsync(ITestRunner? runner, SuiteConfig suite, string root, CancellationToken cancellationToken)
    {
        var planned = await ListAsync(runner, suite, root, cancellationToken);
        return (planned.Listing, planned.Unavailable);
    }

    private static async Task<PlannedSuite> ListAsync(ITestRunner? runner, SuiteConfig suite, string root, CancellationToken cancellationToken)
    {
        if (runner is null)
        {
            return new(suite, null, $"runner '{suite.Runner}' is not available in this build");
        }

        var scratch = Directory.CreateTempSubdirectory("greenlight-plan-").FullName;
        try
        {
            var context = new SuiteRunContext(scratch, root, new Dictionary<string, string>(), FailFast: false);
            return new(suite, await runner.ListAsync(suite, context, cancellationToken), null);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Print(Terminal terminal, RunPlan plan, List<PlannedSuite> suites)
    {
        terminal.Line($"Plan for {plan.Rationale}");
        foreach (var phase in plan.Phases)
        {
            var inPhase = suites.Where(s => s.Suite.Priority == phase.Priority).ToList();
            terminal.Markup($"[bold]Phase {phase.Label}[/] ({inPhase.Sum(s => s.Listing?.Tests.Count ?? 0)} tests)");
            var table = new Table().AddColumns("suite", "category", "runner", "impact", "pass criterion", "tests");
            foreach (var item in inPhase)
            {
                table.AddRow(
                    terminal.Safe(item.Suite.Id), terminal.Safe(item.Suite.Category), terminal.Safe(item.Suite.Runner), terminal.Safe(item.Suite.Impact),
                    terminal.Safe(Format.Criterion(item.Suite.MaxFailureRate)),
                    terminal.Safe(item.Listing is null ? $"? ({item.Unavailable})" : item.Listing.Tests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            terminal.Human.Write(table);
            foreach (var item in inPhase)
            {
                foreach (var test in item.Listing?.Tests ?? [])
                {
                    terminal.Line($"  {item.Suite.Id}: {test}");
                }

                foreach (var problem in item.Listing?.Problems ?? [])
                {
                    terminal.Line($"  {item.Suite.Id}: listing problem: {problem}");
                }
            }
        }
    }

    private static string Json(RunPlan plan, List<PlannedSuite> suites) => JsonSerializer.Serialize(new
    {
        focus = plan.Focus,
        rationale = plan.Rationale,
        phases = plan.Phases.Select(phase => new
        {
            priority = phase.Label,
            suites = suites.Where(s => s.Suite.Priority == phase.Priority).Select(s => new
            {
                id = s.Suite.Id,
                category = s.Suite.Category,
                impact = s.Suite.Impact,
                runner = s.Suite.Runner,
                max_failure_rate = s.Suite.MaxFailureRate,
                pass_criterion = Format.Criterion(s.Suite.MaxFailureRate),
                test_count = s.Listing?.Tests.Count,
                tests = s.Listing?.Tests ?? [],
                problems = s.Unavailable is null ? s.Listing?.Problems ?? [] : [s.Unavailable],
            }),
        }),
    }, RunJson.Options) + "\n";
}

using Greenlight.Gates;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Repository;
using Greenlight.Verdicts;

namespace Greenlight.Runs.Gating;

/// <summary>Each gate's record and the commands the gates ran.</summary>
internal sealed record GateStageResult(IReadOnlyList<GateRecord> Gates, IReadOnlyList<CommandRecord> Commands, StageStop? Stop)
{
    public bool Passed => Gates.All(g => g.Passed);
}

/// <summary>
/// The pre-deploy gates (line endings, then the user's commands) over the folders of the services
/// about to be deployed. Outside a git repository tracked files cannot be listed, so the
/// line-ending gate is recorded as skipped rather than failed.
/// </summary>
internal sealed class GateStage(ChildProcess processes, TimeProvider time, IRunProgress progress)
{
    public async Task<GateStageResult> RunAsync(RunContext run, int iteration, IReadOnlySet<string>? redeploy, CancellationToken cancellationToken)
    {
        var records = new List<GateRecord>();
        var commands = new List<CommandRecord>();
        try
        {
            var config = run.Config.Gates;
            var root = run.Config.RootDirectory;
            if (config.LineEndings is not null && !(await new Git(processes).RunAsync(root, ["rev-parse", "--show-toplevel"], cancellationToken)).Succeeded)
            {
                records.Add(new GateRecord { Gate = LineEndingGate.GateName, Passed = true, Summary = "skipped: not a git repository, so tracked files cannot be listed" });
                config = config with { LineEndings = null };
            }

            var folders = run.Config.Services
                .Where(s => s.Local is not null && (redeploy is null || redeploy.Contains(s.Name)))
                .Select(s => s.Local!.WorkingDirectory).Distinct(StringComparer.Ordinal).ToList();
            var logs = Path.Combine(run.WorkDirectory(iteration), "logs");
            Directory.CreateDirectory(logs);
            foreach (var gate in config.Create(processes, time))
            {
                progress.Step("gate", gate.Name, $"gate {gate.Name}", null);
                var result = await gate.RunAsync(new GateContext(root, folders, logs), cancellationToken);
                var record = new GateRecord
                {
                    Gate = result.Gate,
                    Passed = result.Passed,
                    Summary = result.Summary,
                    DurationMs = SuiteEvaluator.Ms(result.Duration),
                    Findings = [.. result.Findings.Select(f => f.ToString())],
                    Evidence = result.Evidence,
                    Log = result.LogPath is null ? null : run.Relative(result.LogPath),
                };
                records.Add(record);
                commands.Add(new CommandRecord
                {
                    Kind = "gate", Subject = result.Gate, CommandLine = gate is CommandGate ? config.Commands.First(c => c.Name == gate.Name).Run : "(built in)",
                    DurationMs = record.DurationMs, Summary = record.Summary, Iteration = iteration,
                });
                progress.Step("gate", gate.Name, $"gate {gate.Name}: {record.Summary}", result.Passed);
            }
        }
        catch (Exception ex) when (StageStop.Catches(ex))
        {
            return new(records, commands, StageStop.From(ex, cancellationToken));
        }

        return new(records, commands, null);
    }
}

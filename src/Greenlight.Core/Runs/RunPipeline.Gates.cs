using Greenlight.Gates;
using Greenlight.Repository;
using Greenlight.Verdicts;

namespace Greenlight.Runs;

public sealed partial class RunPipeline
{
    /// <summary>
    /// The pre-deploy gates (line endings, then the user's commands) over the folders of the services
    /// about to be deployed. Outside a git repository tracked files cannot be listed, so the
    /// line-ending gate is recorded as skipped rather than failed.
    /// </summary>
    private async Task RunGatesAsync(RunState state, IReadOnlySet<string>? redeploy, CancellationToken cancellationToken)
    {
        var config = state.Config.Gates;
        var root = state.Config.RootDirectory;
        if (config.LineEndings is not null && !(await new Git(_processes).RunAsync(root, ["rev-parse", "--show-toplevel"], cancellationToken)).Succeeded)
        {
            state.Gates.Add(new GateRecord { Gate = LineEndingGate.GateName, Passed = true, Summary = "skipped: not a git repository, so tracked files cannot be listed" });
            config = config with { LineEndings = null };
        }

        var gates = config.Create(_processes, time);
        if (gates.Count == 0)
        {
            return;
        }

        var folders = state.Config.Services
            .Where(s => s.Local is not null && (redeploy is null || redeploy.Contains(s.Name)))
            .Select(s => s.Local!.WorkingDirectory).Distinct(StringComparer.Ordinal).ToList();
        var logs = Path.Combine(state.WorkDirectory, "logs");
        Directory.CreateDirectory(logs);
        foreach (var gate in gates)
        {
            progress.Step("gate", gate.Name, $"gate {gate.Name}", null);
            var result = await gate.RunAsync(new GateContext(root, folders, logs), cancellationToken);
            var record = new GateRecord
            {
                Gate = result.Gate,
                Passed = result.Passed,
                Summary = redactor.Redact(result.Summary),
                DurationMs = SuiteEvaluator.Ms(result.Duration),
                Findings = [.. result.Findings.Select(f => redactor.Redact(f.ToString()))],
                Evidence = [.. result.Evidence.Select(redactor.Redact)],
                Log = result.LogPath is null ? null : Path.GetRelativePath(state.RunDirectory, result.LogPath),
            };
            state.Gates.Add(record);
            state.Commands.Add(new CommandRecord
            {
                Kind = "gate", Subject = result.Gate, CommandLine = gate is CommandGate ? redactor.Redact(config.Commands.First(c => c.Name == gate.Name).Run) : "(built in)",
                DurationMs = record.DurationMs, Summary = record.Summary,
            });
            progress.Step("gate", gate.Name, $"gate {gate.Name}: {record.Summary}", result.Passed);
        }
    }
}

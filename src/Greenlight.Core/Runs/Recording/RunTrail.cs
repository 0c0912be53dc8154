using System.Text.Json;
using Greenlight.Model;
using Greenlight.Processes;
using Greenlight.Reporting;

namespace Greenlight.Runs.Recording;

/// <summary>What a run is, written once when its folder is made: its owner, its services, and the record it would have if nothing ran.</summary>
/// <param name="OwnerPid">The Greenlight process running it; with <paramref name="OwnerStart"/>, gone means the run was aborted.</param>
public sealed record RunStart(int OwnerPid, long OwnerStart, IReadOnlyList<ServiceRecord> Services, RunRecord Skeleton);

/// <summary>
/// The run's trail on disk, so a run killed with SIGKILL leaves enough to complete its record:
/// <c>started.json</c> (<see cref="RunStart"/>) once, then every progress step the run shows, one JSON
/// line each in <c>trail.jsonl</c>, appended as it happens (the kernel keeps what was written when the
/// process dies). It forwards every step to the console's progress unchanged.
/// </summary>
internal sealed class RunTrail(IRunProgress inner, TimeProvider time) : IRunProgress
{
    public const string StartFile = "started.json";
    public const string StepsFile = TrailFile.Name;

    private readonly Lock _gate = new();
    private readonly List<TrailStep> _steps = [];
    private string? _directory;

    /// <summary>Every step so far, in order, including those before the run's folder existed: the run's timeline.</summary>
    public IReadOnlyList<TrailStep> Steps { get { lock (_gate) { return [.. _steps]; } } }

    /// <summary>The folder of the run being trailed; null before <see cref="Open"/>.</summary>
    public string? Directory { get { lock (_gate) { return _directory; } } }

    public void Open(string directory, IReadOnlyList<ServiceRecord> services, RunRecord skeleton)
    {
        var owner = ProcessOwner.Current;
        var start = new RunStart(owner.ProcessId, owner.StartTicks, services, skeleton);
        var path = Path.Combine(directory, StartFile);
        // Written aside and moved in: a reader never sees half of it.
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(start, RunJson.Options));
        File.Move(path + ".tmp", path, overwrite: true);
        lock (_gate)
        {
            _directory = directory;
        }
    }

    public void Step(string stage, string subject, string text, bool? ok)
    {
        inner.Step(stage, subject, text, ok);
        var step = new TrailStep(time.GetUtcNow(), stage, subject, text, ok);
        lock (_gate)
        {
            _steps.Add(step);
            if (_directory is null)
            {
                return;
            }

            try
            {
                File.AppendAllText(Path.Combine(_directory, StepsFile), JsonSerializer.Serialize(step, RunJson.LineOptions) + "\n");
            }
            catch (IOException)
            {
                // The trail is a fallback for a killed run: a step it misses never stops the run.
            }
        }
    }

    /// <summary>The run's start and its steps; null when the folder has no trail (an older run, or one killed before its first write).</summary>
    public static (RunStart Start, IReadOnlyList<TrailStep> Steps)? Read(string directory)
    {
        try
        {
            var start = JsonSerializer.Deserialize<RunStart>(File.ReadAllText(Path.Combine(directory, StartFile)), RunJson.Options);
            if (start is null)
            {
                return null;
            }

            var steps = TrailFile.ReadSteps(directory);
            return (start, steps);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

using Greenlight.Processes;
using Greenlight.Repository;

namespace Greenlight.Gates;

/// <summary><c>gates:</c> in greenlight.yaml: the built-in line-ending gate (on unless turned off) and the user's commands.</summary>
public sealed record GatesConfig
{
    /// <summary>Null turns the line-ending gate off (<c>line_endings: false</c>).</summary>
    public LineEndingOptions? LineEndings { get; init; } = new();
    public IReadOnlyList<CommandGateConfig> Commands { get; init; } = [];

    /// <summary>The gates in the order they run: line endings first (cheap, and it names the file), then commands in config order.</summary>
    public IReadOnlyList<IGate> Create(ChildProcess processes, TimeProvider time)
    {
        var gates = new List<IGate>();
        if (LineEndings is { } options)
        {
            gates.Add(new LineEndingGate(new Git(processes), time, options));
        }

        gates.AddRange(Commands.Select(c => new CommandGate(c, processes)));
        return gates;
    }
}

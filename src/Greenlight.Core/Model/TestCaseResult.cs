namespace Greenlight.Model;

/// <summary>
/// One test case as read from a runner's result file. Times are those the runner wrote;
/// <see cref="Started"/> and <see cref="Ended"/> are null when the format carries none.
/// </summary>
public sealed record TestCaseResult
{
    private readonly string _name = "";
    private readonly string _className = "";
    private readonly string _fullName = "";

    public required string Name
    {
        get => _name;
        init
        {
            _name = value;
            _fullName = Join(_className, value);
        }
    }

    public string ClassName
    {
        get => _className;
        init
        {
            _className = value;
            _fullName = Join(value, _name);
        }
    }

    public required TestOutcome Outcome { get; init; }
    public TimeSpan Duration { get; init; }
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>Failure, error or skip message (first line of the runner's message).</summary>
    public string? Message { get; init; }
    public string? StackTrace { get; init; }
    /// <summary>Captured stdout/stderr of the test, when the format carries it.</summary>
    public string? Output { get; init; }
    /// <summary>Traits (xunit) or properties (JUnit). Shared empty instance by default: a million cases must not allocate a million dictionaries.</summary>
    public IReadOnlyDictionary<string, string> Traits { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>
    /// Fully qualified name used to tie results, traffic and history together: made once when the name
    /// is set, so a million cases do not make a new string each time it is read.
    /// </summary>
    public string FullName => _fullName;

    private static string Join(string className, string name) => className.Length == 0 ? name : $"{className}.{name}";
}

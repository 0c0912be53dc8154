namespace Greenlight.Model;

/// <summary>
/// One test case as read from a runner's result file. Times are those the runner wrote;
/// <see cref="Started"/> and <see cref="Ended"/> are null when the format carries none.
/// </summary>
/// <remarks>
/// Kept small, since a suite's cases are all held while it is judged (a million of them in a large
/// JUnit file): the name is not stored beside the full name but read from it, and the fields most
/// cases leave empty (times, output, traits) share one reference, null when all are empty.
/// </remarks>
public sealed record TestCaseResult
{
    private readonly string _className = "";
    private readonly string _fullName = "";
    private readonly Rare? _rare;

    public required string Name
    {
        get => _className.Length == 0 ? _fullName : _fullName[(_className.Length + 1)..];
        init => _fullName = Join(_className, value);
    }

    public string ClassName
    {
        get => _className;
        init
        {
            var name = Name;
            _className = value;
            _fullName = Join(value, name);
        }
    }

    public required TestOutcome Outcome { get; init; }
    public TimeSpan Duration { get; init; }

    public DateTimeOffset? Started
    {
        get => _rare?.Started;
        init => _rare = Rare.With(_rare, r => r with { Started = value });
    }

    public DateTimeOffset? Ended
    {
        get => _rare?.Ended;
        init => _rare = Rare.With(_rare, r => r with { Ended = value });
    }

    /// <summary>Failure, error or skip message (first line of the runner's message).</summary>
    public string? Message { get; init; }
    public string? StackTrace { get; init; }

    /// <summary>Captured stdout/stderr of the test, when the format carries it.</summary>
    public string? Output
    {
        get => _rare?.Output;
        init => _rare = Rare.With(_rare, r => r with { Output = value });
    }

    /// <summary>Traits (xunit) or properties (JUnit). Shared empty instance by default: a million cases must not allocate a million dictionaries.</summary>
    public IReadOnlyDictionary<string, string> Traits
    {
        get => _rare?.Traits ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        init => _rare = Rare.With(_rare, r => r with { Traits = value.Count == 0 ? null : value });
    }

    /// <summary>
    /// Fully qualified name used to tie results, traffic and history together: made once when the name
    /// is set, so a million cases do not make a new string each time it is read.
    /// </summary>
    public string FullName => _fullName;

    private static string Join(string className, string name) => className.Length == 0 ? name : $"{className}.{name}";

    /// <summary>The fields most cases leave empty; compared by value, so two equal cases stay equal.</summary>
    private sealed record Rare
    {
        private static readonly Rare Empty = new();

        public DateTimeOffset? Started { get; init; }
        public DateTimeOffset? Ended { get; init; }
        public string? Output { get; init; }
        public IReadOnlyDictionary<string, string>? Traits { get; init; }

        public static Rare? With(Rare? rare, Func<Rare, Rare> change)
        {
            var changed = change(rare ?? Empty);
            return changed == Empty ? null : changed;
        }
    }
}

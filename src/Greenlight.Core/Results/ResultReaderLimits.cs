namespace Greenlight.Results;

/// <summary>
/// Bounds on what a result reader accepts, so a runaway or hostile file costs a Problem, not the
/// process. Defaults fit a million-case JUnit file with room to spare.
/// </summary>
public sealed record ResultReaderLimits
{
    public static ResultReaderLimits Default { get; } = new();

    /// <summary>Characters in the whole document; past this the reader stops with a Problem.</summary>
    public long MaxDocumentCharacters { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Characters kept per message, stack trace or output; longer text is cut and marked.</summary>
    public int MaxFieldCharacters { get; init; } = 256 * 1024;
}

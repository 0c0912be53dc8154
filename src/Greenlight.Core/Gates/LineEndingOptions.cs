namespace Greenlight.Gates;

/// <summary><c>gates.line_endings</c>: which tracked files must use LF line endings.</summary>
public sealed record LineEndingOptions
{
    /// <summary>
    /// Files that break on CRLF when run on Linux: interpreters read a CR into the shebang or the
    /// source (a Python module with CRLF line endings can fail to import with <c>IndentationError</c>),
    /// and Docker runs RUN lines through sh. YAML and JSON are not in the list: their parsers accept CRLF. Any file starting with <c>#!</c> is
    /// checked too. Entries of <c>.gitattributes</c> with <c>eol=lf</c> are always checked.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultInclude =
        ["*.py", "*.sh", "*.bash", "*.zsh", "*.ksh", "Dockerfile", "Dockerfile.*", "*.dockerfile", "Containerfile"];

    public IReadOnlyList<string> Include { get; init; } = DefaultInclude;
    /// <summary>Globs never checked, even when included (vendored code, fixtures that test CRLF).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>Also check files whose first line is a shebang (<c>#!</c>).</summary>
    public bool Shebangs { get; init; } = true;
    /// <summary>CRLF lines named per file; the rest are counted.</summary>
    public int LinesPerFile { get; init; } = 5;
}

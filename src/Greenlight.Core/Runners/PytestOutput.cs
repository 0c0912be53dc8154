using System.Text.RegularExpressions;

namespace Greenlight.Runners;

/// <summary>What pytest's terminal output says about collection: errors per file, and the listed node ids.</summary>
public sealed partial class PytestOutput
{
    private readonly List<string> _collectionErrors = [];
    private readonly List<string> _nodeIds = [];
    private readonly Lock _gate = new();
    private int _pendingError = -1;
    private bool _listingEnded;

    /// <summary>One line per file that failed to collect, with pytest's first "E" line when it gave one.</summary>
    public IReadOnlyList<string> CollectionErrors { get { lock (_gate) { return [.. _collectionErrors]; } } }

    /// <summary>Node ids printed by <c>--collect-only -q</c> (before its first blank line).</summary>
    public IReadOnlyList<string> NodeIds { get { lock (_gate) { return [.. _nodeIds]; } } }

    public void Add(string line)
    {
        lock (_gate)
        {
            if (CollectingHeader().Match(line) is { Success: true } header)
            {
                _collectionErrors.Add($"pytest could not collect {header.Groups["path"].Value}");
                _pendingError = _collectionErrors.Count - 1;
                return;
            }

            if (_pendingError >= 0 && line.StartsWith("E ", StringComparison.Ordinal))
            {
                _collectionErrors[_pendingError] += ": " + line[1..].Trim();
                _pendingError = -1;
                return;
            }

            if (line.Length == 0)
            {
                _listingEnded = true;
            }
            else if (!_listingEnded && line.Contains("::", StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal))
            {
                _nodeIds.Add(line);
            }
        }
    }

    [GeneratedRegex(@"^_+ ERROR collecting (?<path>.+?) _+$")]
    private static partial Regex CollectingHeader();
}

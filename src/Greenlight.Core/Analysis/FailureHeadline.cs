using System.Text.RegularExpressions;

namespace Greenlight.Analysis;

/// <summary>
/// Picks the line that names the fault from a runner's message and stack/body: the message
/// when it says something, the pytest <c>E   Error: …</c> line or the jest body head when it
/// does not, and "expected X, got Y" when the message is only an assertion header.
/// </summary>
internal readonly partial record struct FailureHeadline(string Text, string RawPrimary, bool IsCollectionError)
{
    private const int HeadLines = 12;

    public static FailureHeadline Extract(string? message, string? stackTrace)
    {
        var messageLines = Lines(message);
        var stackLines = Lines(stackTrace);
        if (messageLines.Count > 0 && SetupWrapper().Match(messageLines[0]) is { Success: true } wrapped)
        {
            messageLines[0] = wrapped.Groups["inner"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
        }

        var collection = messageLines.Concat(stackLines.Take(HeadLines)).Any(l => CollectionMarker().IsMatch(l));
        var errorLine = PytestErrorLine(stackLines);
        var bodyHead = stackLines.TakeWhile(l => !Frame().IsMatch(l)).ToList();

        string primary;
        if (collection && errorLine is not null)
        {
            primary = errorLine;
        }
        else if (messageLines.Count > 0 && !CollectionMarker().IsMatch(messageLines[0]))
        {
            primary = messageLines[0];
        }
        else
        {
            primary = errorLine ?? bodyHead.FirstOrDefault() ?? messageLines.FirstOrDefault() ?? stackLines.FirstOrDefault() ?? "";
        }

        var raw = primary.Trim();
        var text = GenericWrapper().Replace(TypeNamespace().Replace(raw, "${type}: "), "");
        if (GenericAssertion().IsMatch(text) && FindComparison([.. messageLines, .. bodyHead]) is { } comparison)
        {
            text = comparison;
        }

        var cause = stackLines.FirstOrDefault(l => l.TrimStart().StartsWith("[cause]:", StringComparison.Ordinal));
        if (cause is not null)
        {
            text += "; cause: " + GenericWrapper().Replace(cause.Trim()["[cause]:".Length..].Trim(), "");
        }

        return new FailureHeadline(text.Trim(), raw, collection);
    }

    private static string? PytestErrorLine(List<string> stackLines)
    {
        string? first = null;
        string? lastException = null;
        foreach (var line in stackLines)
        {
            if (PytestE().Match(line) is { Success: true } m)
            {
                first ??= m.Groups["t"].Value;
                if (ExceptionHeader().IsMatch(m.Groups["t"].Value))
                {
                    lastException = m.Groups["t"].Value;
                }
            }
        }

        return lastException ?? first;
    }

    private static string? FindComparison(List<string> lines)
    {
        string? expected = null;
        string? actual = null;
        foreach (var line in lines)
        {
            if (PytestAssert().Match(line) is { Success: true } p)
            {
                return $"expected {p.Groups["e"].Value.Trim()}, got {p.Groups["a"].Value.Trim()}";
            }

            if (ExpectedLine().Match(line) is { Success: true } e)
            {
                expected ??= e.Groups["v"].Value.Trim();
            }
            else if (ActualLine().Match(line) is { Success: true } a)
            {
                actual ??= a.Groups["v"].Value.Trim();
            }
        }

        return expected is not null && actual is not null ? $"expected {expected}, got {actual}" : null;
    }

    private static List<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : [.. text.Split('\n').Select(l => l.TrimEnd('\r', ' ', '\t')).Where(l => l.Trim().Length > 0)];

    [GeneratedRegex(@"^failed on (?:setup|teardown|call) with ""(?<inner>.*)""$")]
    private static partial Regex SetupWrapper();

    [GeneratedRegex(@"^collection failure$|ERROR collecting|while importing test module|errors? during collection|^(?:ImportError|ModuleNotFoundError)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CollectionMarker();

    [GeneratedRegex(@"^E\s{2,}(?<t>\S.*)$")]
    private static partial Regex PytestE();

    [GeneratedRegex(@"^[\w.]*(?:Error|Exception|Exit|Interrupt)\b")]
    private static partial Regex ExceptionHeader();

    [GeneratedRegex(@"^\s+at |^\s*File ""|^Traceback|^-{3,}|^\s*\[cause\]|^E\s{2,}|^\S+:\d+: in |^>\s")]
    private static partial Regex Frame();

    [GeneratedRegex(@"^(?:[A-Za-z_]\w*\.)+(?<type>\w+(?:Exception|Error))\s*:\s")]
    private static partial Regex TypeNamespace();

    [GeneratedRegex(@"^(?:AssertionError|AssertionFailedError|Error|Exception)\s?:\s+")]
    private static partial Regex GenericWrapper();

    [GeneratedRegex(@"^(?:assert\s|Assert\.\w+\(\)\s*Failure|expect\(|AssertionError$)")]
    private static partial Regex GenericAssertion();

    [GeneratedRegex(@"^(?:AssertionError:\s*)?assert (?<a>.+?) (?:==|!=) (?<e>.+)$")]
    private static partial Regex PytestAssert();

    [GeneratedRegex(@"^\s*Expected:\s*(?<v>.+)$")]
    private static partial Regex ExpectedLine();

    [GeneratedRegex(@"^\s*(?:Actual|Received):\s*(?<v>.+)$")]
    private static partial Regex ActualLine();
}

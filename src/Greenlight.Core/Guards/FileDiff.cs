using System.Globalization;
using System.Text.RegularExpressions;

namespace Greenlight.Guards;

/// <summary>A line a diff added (numbered in the new file) or removed (numbered in the old file).</summary>
public sealed record DiffLine(int Number, string Text);

/// <summary>The added and removed lines of a <c>git diff -U0</c> for one file (or one renamed pair).</summary>
public sealed partial record FileDiff(IReadOnlyList<DiffLine> Added, IReadOnlyList<DiffLine> Removed)
{
    public static FileDiff Parse(string diff)
    {
        var added = new List<DiffLine>();
        var removed = new List<DiffLine>();
        var inHunk = false;
        int oldLine = 0, newLine = 0;
        foreach (var line in diff.Split('\n'))
        {
            if (line.StartsWith("diff --git ", StringComparison.Ordinal))
            {
                inHunk = false;
                continue;
            }

            var hunk = HunkHeader().Match(line);
            if (hunk.Success)
            {
                inHunk = true;
                oldLine = int.Parse(hunk.Groups["old"].Value, CultureInfo.InvariantCulture);
                newLine = int.Parse(hunk.Groups["new"].Value, CultureInfo.InvariantCulture);
                continue;
            }

            if (!inHunk || line.Length == 0)
            {
                continue;
            }

            switch (line[0])
            {
                case '+':
                    added.Add(new DiffLine(newLine++, line[1..].TrimEnd('\r')));
                    break;
                case '-':
                    removed.Add(new DiffLine(oldLine++, line[1..].TrimEnd('\r')));
                    break;
                case ' ':
                    oldLine++;
                    newLine++;
                    break;
            }
        }

        return new FileDiff(added, removed);
    }

    [GeneratedRegex(@"^@@ -(?<old>\d+)(?:,\d+)? \+(?<new>\d+)(?:,\d+)? @@")]
    private static partial Regex HunkHeader();
}

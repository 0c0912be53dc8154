using System.Globalization;
using Greenlight.Repository;

namespace Greenlight.Guards;

public sealed partial class ChangeGuard
{
    private static List<string> StatusLines(string porcelainZ)
    {
        // In -z form a rename's old path follows as its own field, without a status prefix.
        var lines = new List<string>();
        var fields = Git.SplitNul(porcelainZ);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            lines.Add(field);
            if (field.Length > 1 && (field[0] is 'R' or 'C' || field[1] is 'R' or 'C'))
            {
                i++;
            }
        }

        return lines;
    }

    private static List<ChangedFile> ParseFiles(string nameStatusZ, string numstatZ, List<PathGlob> tests)
    {
        var counts = ParseNumstat(numstatZ);
        var files = new List<ChangedFile>();
        var fields = Git.SplitNul(nameStatusZ);
        for (var i = 0; i < fields.Count; i++)
        {
            var status = fields[i];
            var kind = status[0] switch
            {
                'A' => ChangeKind.Added,
                'D' => ChangeKind.Deleted,
                'R' => ChangeKind.Renamed,
                'T' => ChangeKind.TypeChanged,
                _ => ChangeKind.Modified,
            };
            var oldPath = fields[++i];
            var path = status[0] is 'R' or 'C' ? fields[++i] : oldPath;
            var (added, deleted) = counts.GetValueOrDefault(path);
            var isTest = PathGlob.MatchesAny(tests, path) || PathGlob.MatchesAny(tests, oldPath);
            files.Add(new ChangedFile(path, oldPath, kind, added, deleted, isTest));
        }

        return files;
    }

    private static Dictionary<string, (int? Added, int? Deleted)> ParseNumstat(string numstatZ)
    {
        var counts = new Dictionary<string, (int?, int?)>(StringComparer.Ordinal);
        var fields = Git.SplitNul(numstatZ);
        for (var i = 0; i < fields.Count; i++)
        {
            var parts = fields[i].Split('\t');
            if (parts.Length < 3)
            {
                continue;
            }

            // A rename leaves the path empty here and gives old and new paths as the next two fields.
            var path = parts[2].Length > 0 ? parts[2] : fields[i += 2];
            counts[path] = (Count(parts[0]), Count(parts[1]));
        }

        return counts;
    }

    private static int? Count(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

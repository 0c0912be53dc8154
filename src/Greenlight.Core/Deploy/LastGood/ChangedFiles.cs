using Greenlight.Model;
using Greenlight.Processes;

namespace Greenlight.Deploy.LastGood;

/// <summary>
/// The files changed between a service's last good commit and the current one inside the service's folder:
/// <c>git -C &lt;folder&gt; diff --name-only A B -- .</c> (A against the working tree when the current tree is dirty).
/// </summary>
public sealed class ChangedFiles(ChildProcess processes)
{
    private const int Listed = 20;

    /// <summary>The change with its files (or the reason they could not be listed); unchanged when git did not change.</summary>
    public async Task<ServiceChangeRecord> AddAsync(ServiceChangeRecord change, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (ChangeAttribution.GitRange(change) is not { } range)
        {
            return change;
        }

        var lines = new List<string>();
        var spec = new ProcessSpec
        {
            FileName = "git",
            Arguments = ["-C", folder, "diff", "--name-only", range.From, .. range.To is null ? Array.Empty<string>() : [range.To], "--", "."],
            Timeout = TimeSpan.FromSeconds(30),
            OnLine = line => { lock (lines) { lines.Add(line); } },
        };
        var result = await processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        lock (lines)
        {
            if (!result.Succeeded)
            {
                var why = result.StartFailure ?? lines.Concat(result.Tail).FirstOrDefault(l => l.Trim().Length > 0) ?? result.DescribeEnd();
                return change with { FilesProblem = $"git diff failed: {why.Trim()}" };
            }

            var files = lines.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            return change with { Files = [.. files.Take(Listed)], MoreFiles = Math.Max(0, files.Count - Listed) };
        }
    }
}

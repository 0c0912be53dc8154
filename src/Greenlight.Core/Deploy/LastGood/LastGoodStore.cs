using System.Text.Json;

namespace Greenlight.Deploy.LastGood;

/// <summary>
/// Keeps copies of the build output of each service revision that ran healthy, under
/// <c>&lt;root&gt;/.greenlight/builds/&lt;service&gt;/&lt;revision&gt;/</c>, so that a bad deploy can be
/// rolled back by starting the last good copy without rebuilding (a rebuild would produce the bad
/// revision again). Only the newest <c>keep</c> revisions per service are kept. A metadata file
/// sits beside each copy, never inside it, so the copy hashes like the original.
/// </summary>
public sealed class LastGoodStore(string repositoryRoot, TimeProvider time, int keep = 3)
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal) { "obj", "node_modules", "__pycache__" };

    public string Root { get; } = Path.Combine(repositoryRoot, ".greenlight", "builds");

    /// <summary>Copies <paramref name="sourceDirectory"/> (the directory a healthy revision ran from) into the store.</summary>
    /// <param name="madeGoodBy">The run whose tests passed with this build.</param>
    /// <param name="environment">The configured environment, secrets already removed (<see cref="LastGoodBuild.Environment"/>).</param>
    public async Task<LastGoodSaveResult> SaveAsync(
        string service, string revision, string sourceDirectory, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? secretKeys = null, string? madeGoodBy = null)
    {
        if (!Directory.Exists(sourceDirectory))
        {
            return new(null, $"build output '{sourceDirectory}' does not exist");
        }

        var serviceDir = Path.Combine(Root, SafeName(service));
        var target = Path.Combine(serviceDir, SafeName(revision));
        var build = new LastGoodBuild(service, revision, target, Path.GetFullPath(sourceDirectory), time.GetUtcNow())
        {
            Environment = environment,
            SecretKeys = secretKeys ?? [],
            MadeGoodBy = madeGoodBy,
        };
        try
        {
            Directory.CreateDirectory(serviceDir);
            if (!Directory.Exists(target))
            {
                // Copy beside the target and move it in, so a crash mid-copy never leaves a half build that looks good.
                var temp = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
                Copy(sourceDirectory, temp, cancellationToken);
                Directory.Move(temp, target);
            }

            await File.WriteAllTextAsync(target + ".json", JsonSerializer.Serialize(build), cancellationToken).ConfigureAwait(false);
            Prune(service);
            return new(build, null);
        }
        catch (IOException e)
        {
            return new(null, $"cannot store the build of {service} {revision}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new(null, $"cannot store the build of {service} {revision}: {e.Message}");
        }
    }

    /// <summary>Stored builds of a service, newest first.</summary>
    public IReadOnlyList<LastGoodBuild> List(string service)
    {
        var serviceDir = Path.Combine(Root, SafeName(service));
        if (!Directory.Exists(serviceDir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(serviceDir, "*.json")
            .Select(Read)
            .OfType<LastGoodBuild>()
            .Where(b => Directory.Exists(b.Directory))
            .OrderByDescending(b => b.SavedAt)];
    }

    /// <summary>The newest good build other than <paramref name="excludingRevision"/> (the bad one now deployed), or null.</summary>
    public LastGoodBuild? Find(string service, string? excludingRevision = null) =>
        List(service).FirstOrDefault(b => b.Revision != excludingRevision);

    private void Prune(string service)
    {
        foreach (var old in List(service).Skip(Math.Max(1, keep)))
        {
            File.Delete(old.Directory + ".json");
            Directory.Delete(old.Directory, recursive: true);
        }
    }

    private static LastGoodBuild? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<LastGoodBuild>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Copy(string source, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var sub in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(sub);
            if (!name.StartsWith('.') && !SkippedFolders.Contains(name) && !new DirectoryInfo(sub).Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                Copy(sub, Path.Combine(target, name), cancellationToken);
            }
        }
    }

    private static string SafeName(string text) =>
        new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);
}

using Greenlight.Model;

namespace Greenlight.Deploy.LastGood;

/// <summary>
/// A service's last good build against the build that ran: which parts of the revision differ (build
/// hash, git commit, environment hash). Pure; the changed files come from <see cref="ChangedFiles"/>.
/// </summary>
public static class ChangeAttribution
{
    /// <summary>Splits "git a8aa565-dirty+build 3f9c2e1d+env 1a2b3c4d" (as <see cref="RevisionReader"/> and the deploy stage write it).</summary>
    public static RevisionParts Parse(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        string? git = null, build = null, env = null;
        var dirty = false;
        foreach (var part in revision.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("git ", StringComparison.Ordinal))
            {
                git = part[4..];
                dirty = git.EndsWith("-dirty", StringComparison.Ordinal);
                git = dirty ? git[..^"-dirty".Length] : git;
            }
            else if (part.StartsWith("build ", StringComparison.Ordinal))
            {
                build = part[6..];
            }
            else if (part.StartsWith("env ", StringComparison.Ordinal))
            {
                env = part[4..];
            }
        }

        return new(git, dirty, build, env);
    }

    /// <summary>What differs between the last good build and <paramref name="current"/>; null when they are the same build.</summary>
    public static ServiceChangeRecord? Compare(LastGoodBuild lastGood, string current)
    {
        ArgumentNullException.ThrowIfNull(lastGood);
        ArgumentNullException.ThrowIfNull(current);
        if (string.Equals(lastGood.Revision, current, StringComparison.Ordinal))
        {
            return null;
        }

        var before = Parse(lastGood.Revision);
        var after = Parse(current);
        var changed = new List<string>();
        if (before.Build != after.Build)
        {
            changed.Add($"build {before.Build ?? "?"} → {after.Build ?? "?"}");
        }

        if (before.Git != after.Git || before.Dirty != after.Dirty)
        {
            changed.Add($"git {Commit(before)} → {Commit(after)}");
        }

        if (before.Env != after.Env)
        {
            changed.Add($"env {before.Env ?? "(none)"} → {after.Env ?? "(none)"}");
        }

        if (changed.Count == 0)
        {
            // Revisions written some other way (a remote service's own revision): say so whole.
            changed.Add($"revision {lastGood.Revision} → {current}");
        }

        return new ServiceChangeRecord { Service = lastGood.Service, LastGood = lastGood.Revision, Current = current, MadeGoodBy = lastGood.MadeGoodBy, Changed = changed };
    }

    /// <summary>The commits to diff for the changed files: the last good one and the current one (null = the working tree, when it is dirty); null when git did not change.</summary>
    public static (string From, string? To)? GitRange(ServiceChangeRecord change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var before = Parse(change.LastGood);
        var after = Parse(change.Current);
        if (before.Git is null || after.Git is null || (before.Git == after.Git && before.Dirty == after.Dirty))
        {
            return null;
        }

        return (before.Git, after.Dirty ? null : after.Git);
    }

    private static string Commit(RevisionParts parts) => parts.Git is null ? "(none)" : parts.Dirty ? parts.Git + "-dirty" : parts.Git;
}

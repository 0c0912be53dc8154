using Greenlight.Repository;

namespace Greenlight.Guards;

/// <summary>
/// Snapshots a repository before remediation and reports what changed after it. Nothing of the
/// user's repository is modified: the working tree is recorded through a temporary index file
/// (<c>GIT_INDEX_FILE</c>), which only adds objects to the object store, the way
/// <c>git stash create</c> does, and leaves the index, the stash list and every ref alone.
/// </summary>
public sealed partial class ChangeGuard(Git git, TimeProvider time, GuardOptions? options = null)
{
    private static readonly Dictionary<string, string> LiteralPaths = new(StringComparer.Ordinal) { ["GIT_LITERAL_PATHSPECS"] = "1" };
    private readonly GuardOptions _options = options ?? new GuardOptions();

    public GuardOptions Options => _options;

    public async Task<GuardResult<RepoSnapshot>> SnapshotAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var top = await git.RunAsync(repositoryRoot, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (!top.Succeeded)
        {
            return GuardResult<RepoSnapshot>.Fail($"{repositoryRoot} is not a git repository: {top.Error}");
        }

        var root = top.Output.Trim();
        var takenAt = time.GetUtcNow();
        var head = await git.RunAsync(root, ["rev-parse", "-q", "--verify", "HEAD^{commit}"], cancellationToken).ConfigureAwait(false);
        var status = await git.RunAsync(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all"], cancellationToken).ConfigureAwait(false);
        var tracked = await git.RunAsync(root, ["ls-files", "-z"], cancellationToken).ConfigureAwait(false);
        if (!status.Succeeded || !tracked.Succeeded)
        {
            return GuardResult<RepoSnapshot>.Fail(status.Succeeded ? tracked.Error : status.Error);
        }

        var tree = await WriteWorkingTreeAsync(root, cancellationToken).ConfigureAwait(false);
        if (tree.Value is null)
        {
            return GuardResult<RepoSnapshot>.Fail(tree.Failure!);
        }

        return GuardResult<RepoSnapshot>.Ok(new RepoSnapshot
        {
            RepositoryRoot = root,
            Head = head.Succeeded ? head.Output.Trim() : null,
            TreeId = tree.Value,
            Status = StatusLines(status.Output),
            Tracked = Git.SplitNul(tracked.Output).ToHashSet(StringComparer.Ordinal),
            TakenAt = takenAt,
        });
    }

    /// <summary>Takes a second snapshot and diffs it against <paramref name="before"/>.</summary>
    public async Task<GuardResult<ChangeReport>> CompareAsync(RepoSnapshot before, CancellationToken cancellationToken)
    {
        var after = await SnapshotAsync(before.RepositoryRoot, cancellationToken).ConfigureAwait(false);
        if (after.Value is not { } now)
        {
            return GuardResult<ChangeReport>.Fail(after.Failure!);
        }

        var report = new ChangeReport { Before = before, After = now };
        if (before.TreeId == now.TreeId)
        {
            return GuardResult<ChangeReport>.Ok(report);
        }

        string[] range = ["--no-ext-diff", "--no-color", "--no-textconv", "-M", before.TreeId, now.TreeId];
        var names = await git.RunAsync(before.RepositoryRoot, ["diff", "--name-status", "-z", .. range], cancellationToken).ConfigureAwait(false);
        var numbers = await git.RunAsync(before.RepositoryRoot, ["diff", "--numstat", "-z", .. range], cancellationToken).ConfigureAwait(false);
        var stat = await git.RunAsync(before.RepositoryRoot, ["diff", "--stat=120", .. range], cancellationToken).ConfigureAwait(false);
        if (!names.Succeeded || !numbers.Succeeded || !stat.Succeeded)
        {
            return GuardResult<ChangeReport>.Fail(new[] { names, numbers, stat }.First(r => !r.Succeeded).Error);
        }

        var tests = _options.TestGlobs.Select(g => new PathGlob(g)).ToList();
        var files = ParseFiles(names.Output, numbers.Output, tests);
        var findings = new List<GuardFinding>();
        foreach (var file in files.Where(f => f.IsTest))
        {
            findings.AddRange(await FindTamperingAsync(before.RepositoryRoot, range, file, cancellationToken).ConfigureAwait(false));
        }

        return GuardResult<ChangeReport>.Ok(report with { Files = files, DiffStat = stat.Output.TrimEnd(), Findings = findings });
    }

    private async Task<IReadOnlyList<GuardFinding>> FindTamperingAsync(string root, string[] range, ChangedFile file, CancellationToken cancellationToken)
    {
        if (file.Kind == ChangeKind.Deleted)
        {
            return [new GuardFinding(GuardCodes.DeletedTestFile, file.Path, null, true, "")];
        }

        var diff = await git.RunAsync(root, ["diff", "-U0", .. range, "--", file.OldPath, file.Path], cancellationToken, LiteralPaths).ConfigureAwait(false);
        return diff.Succeeded ? [.. TamperingRules.Find(file.Path, FileDiff.Parse(diff.Output))] : [];
    }

    private async Task<GuardResult<string>> WriteWorkingTreeAsync(string root, CancellationToken cancellationToken)
    {
        var index = await git.RunAsync(root, ["rev-parse", "--git-path", "index"], cancellationToken).ConfigureAwait(false);
        var temp = Path.Combine(Path.GetTempPath(), "greenlight-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Starting from a copy of the real index keeps git's stat cache, so unchanged files are not re-read.
            var real = index.Succeeded ? Path.GetFullPath(index.Output.Trim(), root) : null;
            if (real is not null && File.Exists(real))
            {
                File.Copy(real, temp);
            }

            var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["GIT_INDEX_FILE"] = temp };
            var excludes = await ExcludesAsync(root, cancellationToken).ConfigureAwait(false);
            var add = await git.RunAsync(root, [.. _options.IncludeUntracked ? ["add", "-A"] : new[] { "add", "-u" }, "--", ".", .. excludes], cancellationToken, env).ConfigureAwait(false);
            if (!add.Succeeded)
            {
                return GuardResult<string>.Fail(add.Error);
            }

            var tree = await git.RunAsync(root, ["write-tree"], cancellationToken, env).ConfigureAwait(false);
            return tree.Succeeded ? GuardResult<string>.Ok(tree.Output.Trim()) : GuardResult<string>.Fail(tree.Error);
        }
        finally
        {
            File.Delete(temp);
            File.Delete(temp + ".lock");
        }
    }
}

public sealed partial class ChangeGuard
{
    /// <summary>
    /// Pathspecs that leave <see cref="GuardOptions.ExcludeDirectories"/> out. A folder git already
    /// ignores needs none: naming an ignored path makes <c>git add</c> fail.
    /// </summary>
    private async Task<List<string>> ExcludesAsync(string root, CancellationToken cancellationToken)
    {
        var excludes = new List<string>();
        foreach (var directory in _options.ExcludeDirectories)
        {
            var relative = Path.GetRelativePath(root, directory).Replace('\\', '/');
            if (relative is "." or ".." || relative.StartsWith("../", StringComparison.Ordinal))
            {
                continue;
            }

            var ignored = await git.RunAsync(root, ["check-ignore", "-q", "--", relative], cancellationToken).ConfigureAwait(false);
            if (!ignored.Succeeded)
            {
                excludes.Add(":(exclude)" + relative);
            }
        }

        return excludes;
    }
}

/// <summary>A value, or why it could not be had (not a repository, git failed).</summary>
public sealed record GuardResult<T>(T? Value, string? Failure)
    where T : class
{
    public static GuardResult<T> Ok(T value) => new(value, null);

    public static GuardResult<T> Fail(string failure) => new(null, failure);
}

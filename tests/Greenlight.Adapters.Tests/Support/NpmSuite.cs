using Greenlight.Processes;

namespace Greenlight.Adapters.Tests.Support;

/// <summary>A private copy of a TestData suite with its npm packages installed for real.</summary>
internal static class NpmSuite
{
    /// <summary>
    /// Copies TestData/<paramref name="name"/> to a temp folder and runs <c>npm install</c> there. A
    /// missing npm or a failed install throws, so the tests of the class fail rather than skip.
    /// </summary>
    public static async Task<string> InstallAsync(string name, CancellationToken cancellationToken)
    {
        var root = Copy(name);
        var log = Path.Combine(root, "npm-install.log");
        var result = await new ChildProcess().RunAsync(new ProcessSpec
        {
            FileName = "npm",
            // Lifecycle scripts are not needed (Playwright's would fetch browsers); the cache from
            // an earlier install makes the next one fast.
            Arguments = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts", "--loglevel=error"],
            WorkingDirectory = root,
            LogPath = log,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"npm install in {root} {result.Describe()}: {string.Join(" | ", result.Tail.TakeLast(5))}");
        }

        return root;
    }

    private static string Copy(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", name);
        var target = Path.Combine(Path.GetTempPath(), "greenlight-adapters-" + Guid.NewGuid().ToString("N")[..12], name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}

using Greenlight.Config;
using Greenlight.Stages;

namespace Greenlight.Exec.Tests.Runners;

internal static class RunnerTestData
{
    /// <summary>A private copy of a TestData folder, so runs never write into the build output or race each other.</summary>
    public static string Copy(string name)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "TestData", name);
        var target = Path.Combine(TestSupport.TempDirectory(), name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    public static SuiteRunContext Context(string root, IReadOnlyDictionary<string, string>? environment = null) => new(
        Path.Combine(root, ".greenlight", "runs", "r1", "suites", Guid.NewGuid().ToString("N")[..8]),
        root,
        environment ?? new Dictionary<string, string> { ["GREENLIGHT_BACKEND_URL"] = "http://127.0.0.1:9" },
        FailFast: true);

    public static SuiteConfig Suite(string runner, string path, string? filter = null, double timeoutSeconds = 120) => new()
    {
        Id = runner + "-suite",
        Priority = 1,
        Runner = runner,
        Path = path,
        Filter = filter,
        Timeout = TimeSpan.FromSeconds(timeoutSeconds),
    };
}

using Greenlight.Processes;
using Greenlight.Runners;
using Greenlight.Secrets;
using static Greenlight.Exec.Tests.Runners.RunnerTestData;
using static Greenlight.Exec.Tests.TestSupport;

namespace Greenlight.Exec.Tests.Runners;

public sealed class DotnetBuildFailureTests
{
    [Fact]
    public async Task RunAsync_TestProjectDoesNotCompile_CollectionFailedWithCompilerError()
    {
        var root = Copy("xunit-suite");
        await File.WriteAllTextAsync(Path.Combine(root, "Broken.cs"), "namespace SampleSuite; public class Broken { int x = }", Timeout());
        var runner = new DotnetTestRunner(new ChildProcess(new SecretRedactor(), TimeProvider.System), []);

        var result = await runner.RunAsync(Suite("dotnet", Path.Combine(root, "SampleSuite.Tests.csproj")), Context(root), Timeout(300));

        Assert.True(result.CollectionFailed);
        Assert.Equal(1, result.ExitCode);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("dotnet build exited with 1: ", problem, StringComparison.Ordinal);
        Assert.Contains("error CS1525", problem, StringComparison.Ordinal);
    }
}

using Greenlight.Processes;
using Greenlight.Results;
using Greenlight.Runners;
using Greenlight.Secrets;

namespace Greenlight.Exec.Tests.Runners;

/// <summary>One private copy of the tiny xunit v3 suite and one runner, so the suite is built once per test class.</summary>
public sealed class DotnetSuiteFixture
{
    public DotnetSuiteFixture()
    {
        Root = RunnerTestData.Copy("xunit-suite");
        Runner = new DotnetTestRunner(new ChildProcess(new SecretRedactor(), TimeProvider.System), ResultReaders.CreateDefault().Readers);
    }

    public string Root { get; }

    public string Project => Path.Combine(Root, "SampleSuite.Tests.csproj");

    public DotnetTestRunner Runner { get; }
}

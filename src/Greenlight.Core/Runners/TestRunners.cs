using Greenlight.Processes;
using Greenlight.Stages;

namespace Greenlight.Runners;

/// <summary>The built-in runners, by the name used in <c>runner:</c>.</summary>
public static class TestRunners
{
    public static IReadOnlyDictionary<string, ITestRunner> CreateDefault(
        ChildProcess processes, IEnumerable<IResultReader> readers, TimeProvider time, string pythonInterpreter = PytestRunner.DefaultInterpreter)
    {
        var list = readers.ToList();
        ITestRunner[] runners =
        [
            new DotnetTestRunner(processes, list),
            new PytestRunner(processes, list, pythonInterpreter),
            new CommandRunner(processes, list, time),
            new NewmanRunner(processes, list),
        ];
        return runners.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }
}

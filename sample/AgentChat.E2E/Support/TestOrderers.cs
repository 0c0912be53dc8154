using Xunit.Sdk;
using Xunit.v3;

namespace AgentChat.E2E.Support;

/// <summary>Runs a class's tests by method name, so T001 … T025 run in the index's order.</summary>
public sealed class ByMethodNameOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        [.. testCases.OrderBy(t => t.TestMethod?.MethodName, StringComparer.Ordinal)];
}

namespace Greenlight.Core.Tests.Architecture;

public sealed class NamespaceCycleTests
{
    [Fact]
    public void CoreNamespaces_DependOnEachOther_WithoutCycles()
    {
        var graph = NamespaceGraph.Read(typeof(Greenlight.Runs.RunPipeline).Assembly.Location, "Greenlight");

        var cycles = NamespaceGraph.Cycles(graph);

        Assert.True(graph.Count > 10, $"the graph read only {graph.Count} namespaces");
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("; ", cycles.Select(c => string.Join(" ⇄ ", c)))
            + "\n" + string.Join("\n", graph.Select(kv => $"{kv.Key} → {string.Join(", ", kv.Value)}")));
    }

    [Fact]
    public void Model_DependsOnNoOtherNamespace()
    {
        var graph = NamespaceGraph.Read(typeof(Greenlight.Runs.RunPipeline).Assembly.Location, "Greenlight");

        Assert.Empty(graph["Model"]);
    }
}

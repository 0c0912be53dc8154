using Greenlight.Model;
using Greenlight.Plugins;

namespace Greenlight.Proof.Tests;

public sealed class PytestEventsReaderTests
{
    private const string Suite = """
        import pytest

        async def helper():
            return 1

        def test_pass():
            print("hello from the test")

        def test_unawaited():
            helper()

        async def test_async_without_plugin():
            pass

        @pytest.mark.skip(reason="backend not deployed")
        def test_skipped():
            pass

        @pytest.mark.xfail(reason="known bug 42")
        def test_xfail():
            assert False

        @pytest.mark.xfail(reason="maybe")
        def test_xpass():
            pass

        class TestGroup:
            @pytest.mark.parametrize("n", [1, 2])
            def test_param(self, n):
                assert n == 1
        """;

    [Fact]
    public async Task ReadAsync_RealPytestRun_GivesWindowsOutcomesAndWarnings()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var dir = new TempDir();
        dir.Write("tests/test_sample.py", Suite);

        var run = await PytestProcess.RunAsync(dir.Path, new Dictionary<string, string>(), ["tests"], cts.Token);
        var events = await PytestEventsReader.ReadAsync(run.EventsPath, cts.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(events.Problems);
        Assert.Equal(8, events.Collected);
        Assert.Equal(1, events.ExitStatus);
        var byId = events.Tests.ToDictionary(t => t.NodeId);
        Assert.Equal(8, byId.Count);
        foreach (var test in events.Tests)
        {
            Assert.NotNull(test.Started);
            Assert.True(test.Ended >= test.Started, test.NodeId);
        }

        var pass = byId["tests/test_sample.py::test_pass"];
        Assert.Equal(TestOutcome.Passed, pass.Outcome);
        Assert.Contains("hello from the test", pass.Output);
        Assert.Equal("tests.test_sample", pass.ClassName);

        var unawaited = byId["tests/test_sample.py::test_unawaited"];
        Assert.Equal(TestOutcome.Passed, unawaited.Outcome);
        var warning = Assert.Single(unawaited.Warnings);
        Assert.True(warning.IsUnawaitedCoroutine);
        Assert.Equal("RuntimeWarning", warning.Category);
        Assert.Contains("coroutine 'helper' was never awaited", warning.Message, StringComparison.Ordinal);

        // pytest 7.2 skips async tests when no async plugin is installed; 8.4+ fails them.
        var asyncTest = byId["tests/test_sample.py::test_async_without_plugin"];
        Assert.Equal(TestOutcome.Skipped, asyncTest.Outcome);
        Assert.Contains(asyncTest.Warnings, w => w.Category == "PytestUnhandledCoroutineWarning");

        Assert.Equal("backend not deployed", byId["tests/test_sample.py::test_skipped"].SkipReason);
        var xfail = byId["tests/test_sample.py::test_xfail"];
        Assert.Equal(TestOutcome.Skipped, xfail.Outcome);
        Assert.True(xfail.Xfail);
        Assert.Equal("xfail: known bug 42", xfail.SkipReason);
        var xpass = byId["tests/test_sample.py::test_xpass"];
        Assert.Equal(TestOutcome.Passed, xpass.Outcome);
        Assert.True(xpass.Xpass);

        var failedParam = byId["tests/test_sample.py::TestGroup::test_param[2]"];
        Assert.Equal(TestOutcome.Failed, failedParam.Outcome);
        Assert.Equal("tests.test_sample.TestGroup.test_param[2]", failedParam.FullName);
    }

    [Fact]
    public async Task ReadAsync_ImportErrorModule_ReportsCollectError()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var dir = new TempDir();
        dir.Write("test_ok.py", "def test_ok():\n    assert True\n");
        dir.Write("test_broken.py", "from no_such_module import Client\n\ndef test_never():\n    pass\n");

        var run = await PytestProcess.RunAsync(dir.Path, new Dictionary<string, string>(), ["--continue-on-collection-errors"], cts.Token);
        var events = await PytestEventsReader.ReadAsync(run.EventsPath, cts.Token);

        var error = Assert.Single(events.CollectErrors);
        Assert.Equal("test_broken.py", error.NodeId);
        Assert.Contains("No module named 'no_such_module'", error.Message, StringComparison.Ordinal);
        Assert.Equal(TestOutcome.Passed, Assert.Single(events.Tests).Outcome);
    }

    [Fact]
    public async Task ReadAsync_NothingCollected_SessionSaysZero()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var dir = new TempDir();
        dir.Write("test_empty.py", "HELPER = 1\n");

        var run = await PytestProcess.RunAsync(dir.Path, new Dictionary<string, string>(), [], cts.Token);
        var events = await PytestEventsReader.ReadAsync(run.EventsPath, cts.Token);

        Assert.Equal(5, run.ExitCode);
        Assert.Equal(0, events.Collected);
        Assert.Empty(events.Tests);
    }

    [Fact]
    public async Task ReadAsync_TruncatedFile_ReportsProblemsNotException()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var dir = new TempDir();
        var path = dir.Write("events.jsonl", "{\"type\": \"test\", \"nodeid\": \"t.py::a\", \"outcome\": \"passed\"}\n{\"type\": \"test\", \"nod");

        var events = await PytestEventsReader.ReadAsync(path, cts.Token);

        Assert.Single(events.Tests);
        Assert.Equal(2, events.Problems.Count);
    }

    [Theory]
    [InlineData("tests/api/test_x.py::TestA::test_b[a::b/c]", "tests.api.test_x.TestA", "test_b[a::b/c]")]
    [InlineData("test_x.py::test_y", "test_x", "test_y")]
    public void ToJUnit_NodeId_MatchesPytestJUnitNames(string nodeId, string className, string name)
    {
        Assert.Equal((className, name), PytestNodeId.ToJUnit(nodeId));
    }
}

using Greenlight.Guards;
using Greenlight.Repository;

namespace Greenlight.Loop.Tests.Guards;

public sealed class PathGlobTests
{
    [Theory]
    [InlineData("tests/AgentChat.E2E/P1/Critical.cs", true)]
    [InlineData("sample/AgentChat.Tests/Unit/ToolTests.cs", true)]
    [InlineData("src/Foo/FooTests.cs", true)]
    [InlineData("py/tests/helpers.py", true)]
    [InlineData("agents/test_data_helper.py", true)]
    [InlineData("agents/data_helper_test.py", true)]
    [InlineData("web/src/chat.spec.ts", true)]
    [InlineData("web/__tests__/chat.js", true)]
    [InlineData("pkg/server_test.go", true)]
    [InlineData("src/Backend/Handler.cs", false)]
    [InlineData("agents/data_helper_agent.py", false)]
    [InlineData("web/src/chat.js", false)]
    public void DefaultTestGlobs_CommonLayouts_Classified(string path, bool isTest)
    {
        var globs = GuardOptions.DefaultTestGlobs.Select(g => new PathGlob(g));

        Assert.Equal(isTest, PathGlob.MatchesAny(globs, path));
    }

    [Theory]
    [InlineData("*.py", "a/b/c.py", true)]
    [InlineData("src/*.py", "src/a.py", true)]
    [InlineData("src/*.py", "x/src/a.py", false)]
    [InlineData("src/**/*.py", "src/a/b/c.py", true)]
    [InlineData("src/**/*.py", "src/c.py", true)]
    [InlineData("Dockerfile.*", "svc/Dockerfile.prod", true)]
    [InlineData("a?.txt", "ab.txt", true)]
    [InlineData("a?.txt", "a/.txt", false)]
    public void IsMatch_Patterns_BehaveLikeGitignore(string pattern, string path, bool expected) =>
        Assert.Equal(expected, new PathGlob(pattern).IsMatch(path));
}

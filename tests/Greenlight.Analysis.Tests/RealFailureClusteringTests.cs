namespace Greenlight.Analysis.Tests;

/// <summary>Messages produced by real pytest, xunit and jest runs (Data/), clustered.</summary>
public sealed class RealFailureClusteringTests
{
    private static readonly IReadOnlyList<FailureOccurrence> All =
    [
        .. RealFailures.Load("pytest", "pytest-junit.xml"),
        .. RealFailures.Load("xunit", "xunit-junit.xml"),
        .. RealFailures.Load("jest", "jest-junit.xml"),
    ];

    private static readonly IReadOnlyList<FailureCluster> Clusters = new FailureClusterer().Cluster(All);

    private static FailureCluster ClusterOf(string runner, string test) =>
        Clusters.Single(c => c.Occurrences.Any(o => o.Runner == runner && o.Test == test));

    [Fact]
    public void Cluster_StatusComparisonAcrossRunners_OneCluster()
    {
        var cluster = ClusterOf("pytest", "test_health_status_code");

        Assert.Equal("expected 200, got 503", cluster.Signature.Title);
        Assert.Same(cluster, ClusterOf("xunit", "XFail.Tests.FailingTests.Health_Status_Is200"));
        Assert.Same(cluster, ClusterOf("xunit", "XFail.Tests.FailingTests.Health_Status_Is200_Again"));
        Assert.Same(cluster, ClusterOf("jest", "health status is 200"));
        Assert.Same(cluster, ClusterOf("jest", "health status is 200 again"));
        Assert.Equal(["jest", "pytest", "xunit"], cluster.Suites.Order(StringComparer.Ordinal));
        Assert.Contains(503, cluster.Signature.Codes);
    }

    [Fact]
    public void Cluster_BackendNotHealthyAcrossRunners_OneClusterApartFromBareComparison()
    {
        var cluster = ClusterOf("pytest", "test_health_status_code_again");

        Assert.Same(cluster, ClusterOf("xunit", "XFail.Tests.FailingTests.Backend_Healthy"));
        Assert.Same(cluster, ClusterOf("jest", "backend healthy"));
        Assert.NotSame(cluster, ClusterOf("pytest", "test_health_status_code"));
        Assert.Contains(503, cluster.Signature.Codes);
    }

    [Fact]
    public void Cluster_AuthEnforcementMessage_PytestAndXunitTogether() =>
        Assert.Same(ClusterOf("pytest", "test_auth_enforcement"), ClusterOf("xunit", "XFail.Tests.FailingTests.Auth_Enforced"));

    [Fact]
    public void Cluster_HandshakeTimeout_PytestTogetherWithoutOtherTimeouts()
    {
        var cluster = ClusterOf("pytest", "test_handshake_timeout_one");

        Assert.Same(cluster, ClusterOf("pytest", "test_handshake_timeout_two"));
        Assert.Equal("TimeoutError: timed out during opening handshake", cluster.Signature.Title);
        Assert.NotSame(cluster, ClusterOf("xunit", "XFail.Tests.FailingTests.Http_Timeout"));
    }

    [Theory]
    [InlineData("pytest", "test_connect_refused_one", "test_connect_refused_two")]
    [InlineData("pytest", "test_user_id_value_error_one", "test_user_id_value_error_two")]
    [InlineData("pytest", "test_thread_missing_one", "test_thread_missing_two")]
    [InlineData("pytest", "test_streaming_took_too_long", "test_streaming_took_too_long_again")]
    [InlineData("pytest", "tests.test_import_broken", "tests.test_import_broken_two")]
    [InlineData("xunit", "XFail.Tests.FailingTests.Http_Refused_One", "XFail.Tests.FailingTests.Http_Refused_Two")]
    [InlineData("xunit", "XFail.Tests.FailingTests.User_Id_Valid", "XFail.Tests.FailingTests.User_Id_Valid_Again")]
    [InlineData("jest", "fetch refused one", "fetch refused two")]
    public void Cluster_SameFaultDifferentValues_SameCluster(string runner, string first, string second) =>
        Assert.Same(ClusterOf(runner, first), ClusterOf(runner, second));

    [Fact]
    public void Cluster_PytestCollectionErrors_CollectionClusterNamesTheImport()
    {
        var cluster = ClusterOf("pytest", "tests.test_import_broken");

        Assert.True(cluster.Signature.IsCollectionError);
        Assert.StartsWith("collection error: ModuleNotFoundError: No module named ", cluster.Signature.Title, StringComparison.Ordinal);
        Assert.Equal(2, cluster.Count);
    }

    [Fact]
    public void Cluster_CloseCodes_1011And1008Apart()
    {
        var internalError = ClusterOf("pytest", "test_closed_1011");
        var policy = ClusterOf("pytest", "test_closed_1008");

        Assert.NotSame(internalError, policy);
        Assert.Contains(1011, internalError.Signature.Codes);
        Assert.Contains(1008, policy.Signature.Codes);
    }

    [Fact]
    public void Cluster_WebSocketUpgrade503_KeepsBothStatusCodes()
    {
        var cluster = ClusterOf("xunit", "XFail.Tests.FailingTests.Ws_Upgrade_503");

        Assert.Equal("WebSocketException: The server returned status code 503 when status code 101 was expected", cluster.Signature.Title);
        Assert.Contains(503, cluster.Signature.Codes);
    }

    [Fact]
    public void Cluster_SetupError_UnwrapsPytestSetupMessage() =>
        Assert.Equal("RuntimeError: database at <addr> is not reachable", ClusterOf("pytest", "test_setup_error").Signature.Title);

    [Fact]
    public void Cluster_NoTitleLeaksAddressesGuidsOrPaths()
    {
        foreach (var cluster in Clusters)
        {
            Assert.DoesNotContain("127.0.0.1", cluster.Signature.Title, StringComparison.Ordinal);
            Assert.DoesNotContain("/tmp/", cluster.Signature.Title, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"[0-9a-f]{8}-[0-9a-f]{4}", cluster.Signature.Title);
        }
    }

    [Fact]
    public void Cluster_Ordering_BiggestClusterFirst() =>
        Assert.True(Clusters.Zip(Clusters.Skip(1)).All(p => p.First.Count >= p.Second.Count));
}

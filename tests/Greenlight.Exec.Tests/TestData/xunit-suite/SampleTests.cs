namespace SampleSuite;

public class CheckoutTests
{
    [Fact, Trait("Priority", "P1"), Trait("Category", "golden-path")]
    public void Login_ValidUser_Succeeds() => Assert.Equal(4, 2 + 2);

    [Fact, Trait("Priority", "P1"), Trait("Category", "golden-path")]
    public void Environment_ServiceUrl_Passed() =>
        Assert.Equal("http://127.0.0.1:9", Environment.GetEnvironmentVariable("GREENLIGHT_BACKEND_URL"));

    [Fact, Trait("Priority", "P2")]
    public void Cart_Total_IsWrong() => Assert.Equal(5, 2 + 2);

    [Fact(Skip = "not ready"), Trait("Priority", "P2")]
    public void Refund_Later_Skipped()
    {
    }
}

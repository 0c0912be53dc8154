namespace TUnitSuite;

public class CheckoutTests
{
    [Test, Category("golden-path"), Property("Priority", "P1")]
    public async Task Login_ValidUser_Succeeds() => await Assert.That(2 + 2).IsEqualTo(4);

    [Test, Property("Priority", "P1")]
    public async Task Environment_ServiceUrl_Passed() =>
        await Assert.That(Environment.GetEnvironmentVariable("GREENLIGHT_BACKEND_URL")).IsEqualTo("http://127.0.0.1:9");

    [Test, Property("Priority", "P2")]
    public async Task Cart_Total_IsWrong() => await Assert.That(2 + 2).IsEqualTo(5);

    [Test, Property("Priority", "P2"), Skip("not ready")]
    public void Refund_Later_Skipped()
    {
    }
}

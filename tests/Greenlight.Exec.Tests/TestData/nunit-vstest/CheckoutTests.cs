using NUnit.Framework;

namespace NUnitSuite;

public class CheckoutTests
{
    [Test, Category("golden-path"), Property("Priority", "P1")]
    public void Login_ValidUser_Succeeds() => Assert.That(2 + 2, Is.EqualTo(4));

    [Test, Property("Priority", "P1")]
    public void Environment_ServiceUrl_Passed() =>
        Assert.That(Environment.GetEnvironmentVariable("GREENLIGHT_BACKEND_URL"), Is.EqualTo("http://127.0.0.1:9"));

    [Test, Property("Priority", "P2")]
    public void Cart_Total_IsWrong() => Assert.That(2 + 2, Is.EqualTo(5));

    [Test, Property("Priority", "P2"), Ignore("not ready")]
    public void Refund_Later_Skipped()
    {
    }
}

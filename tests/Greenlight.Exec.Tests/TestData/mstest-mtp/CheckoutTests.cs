namespace MSTestSuite;

[TestClass]
public sealed class CheckoutTests
{
    [TestMethod, TestCategory("golden-path")]
    public void Login_ValidUser_Succeeds() => Assert.AreEqual(4, 2 + 2);

    [TestMethod, TestCategory("golden-path")]
    public void Environment_ServiceUrl_Passed() =>
        Assert.AreEqual("http://127.0.0.1:9", Environment.GetEnvironmentVariable("GREENLIGHT_BACKEND_URL"));

    [TestMethod, TestCategory("checkout")]
    public void Cart_Total_IsWrong() => Assert.AreEqual(5, 2 + 2);

    [TestMethod, TestCategory("checkout"), Ignore("not ready")]
    public void Refund_Later_Skipped()
    {
    }
}

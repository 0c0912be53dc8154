using AgentChat.Common.Faults;

namespace AgentChat.Tests.Unit;

public sealed class FaultSwitchesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Parse_Empty_NoFaultAndNoError(string? value)
    {
        var faults = FaultSwitches.Parse(value);

        Assert.Equal(FaultSwitch.None, faults.Active);
        Assert.Null(faults.Error);
        Assert.False(faults.IsOn(FaultSwitch.SlowDb));
    }

    [Fact]
    public void Parse_CommaSeparatedWithSpacesAndCase_ActivatesEach()
    {
        var faults = FaultSwitches.Parse(" ws-recursion , SLOW-DB,drop-upgrade,");

        Assert.Null(faults.Error);
        Assert.True(faults.IsOn(FaultSwitch.WsRecursion));
        Assert.True(faults.IsOn(FaultSwitch.SlowDb));
        Assert.True(faults.IsOn(FaultSwitch.DropUpgrade));
        Assert.False(faults.IsOn(FaultSwitch.StartupCrash));
        Assert.Equal("ws-recursion,slow-db,drop-upgrade", faults.ToString());
    }

    [Fact]
    public void Parse_EveryKnownName_IsAccepted()
    {
        var faults = FaultSwitches.Parse(string.Join(",", FaultSwitches.KnownNames));

        Assert.Null(faults.Error);
        Assert.Equal(6, FaultSwitches.KnownNames.Count);
        foreach (var fault in Enum.GetValues<FaultSwitch>().Where(f => f != FaultSwitch.None))
        {
            Assert.True(faults.IsOn(fault), fault.ToString());
        }
    }

    [Fact]
    public void Parse_UnknownName_ErrorNamesItAndListsKnownOnes()
    {
        var faults = FaultSwitches.Parse("slow-db,ws-recurse");

        Assert.Equal(FaultSwitch.None, faults.Active);
        Assert.NotNull(faults.Error);
        Assert.Contains("'ws-recurse'", faults.Error, StringComparison.Ordinal);
        Assert.Contains("AGENTCHAT_FAULT", faults.Error, StringComparison.Ordinal);
        Assert.Contains("reject-pending-auth", faults.Error, StringComparison.Ordinal);
    }
}

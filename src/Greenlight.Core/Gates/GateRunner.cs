namespace Greenlight.Gates;

/// <summary>Runs every gate in order, even after one fails, so one iteration reports all that is wrong.</summary>
public static class GateRunner
{
    public static async Task<IReadOnlyList<GateResult>> RunAllAsync(IEnumerable<IGate> gates, GateContext context, CancellationToken cancellationToken)
    {
        var results = new List<GateResult>();
        foreach (var gate in gates)
        {
            results.Add(await gate.RunAsync(context, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }
}

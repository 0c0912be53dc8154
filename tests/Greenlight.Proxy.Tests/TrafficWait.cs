using Greenlight.Model;
using Greenlight.Traffic;

namespace Greenlight.Proxy.Tests;

internal static class TrafficWait
{
    /// <summary>
    /// The proxy appends a record after the exchange ends, which can be just after the client
    /// saw the response; wait (bounded by the test's token) until the expected records exist.
    /// </summary>
    public static async Task<IReadOnlyList<TrafficRecord>> ForAsync(ITrafficLog log, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var records = log.Snapshot();
            if (records.Count >= count)
            {
                return records;
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}

using System.Data.Common;

namespace AgentChat.Common.Storage;

/// <summary>
/// The <c>slow-db</c> fault: every database operation first waits, as the PostgreSQL of
/// incident 5 did (5 s, then 10.7 s per query).
/// </summary>
public sealed class SlowDbConnector(IDbConnector inner, TimeSpan delay, TimeProvider time) : IDbConnector
{
    public string Provider => inner.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(delay, time, cancellationToken);
        return await inner.OpenAsync(cancellationToken);
    }

    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(delay, time, cancellationToken);
        return await inner.IsReachableAsync(cancellationToken);
    }
}

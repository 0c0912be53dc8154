using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace AgentChat.Common.Storage;

/// <summary>The database check behind <c>/health</c>: a failure is a status, never a 500.</summary>
public static class DbHealth
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task<bool> IsConnectedAsync(IDbConnector db, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(Limit, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            if (await db.IsReachableAsync(timeout.Token))
            {
                return true;
            }

            logger.LogError("database unreachable ({Provider})", db.Provider);
            return false;
        }
        catch (Exception error) when (error is DbException or InvalidOperationException or IOException or OperationCanceledException or TimeoutException)
        {
            logger.LogError("database unreachable ({Provider}): {Reason}", db.Provider, error.Message);
            return false;
        }
    }
}

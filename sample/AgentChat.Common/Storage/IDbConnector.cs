using System.Data.Common;

namespace AgentChat.Common.Storage;

/// <summary>
/// The one storage seam: opens connections to SQLite or PostgreSQL. The stores above it write
/// SQL that both engines accept (TEXT, BIGINT, <c>@name</c> parameters, ON CONFLICT).
/// </summary>
public interface IDbConnector
{
    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>True when a trivial query succeeds; used by <c>/health</c>.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

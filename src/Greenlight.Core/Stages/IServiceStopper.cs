namespace Greenlight.Stages;

/// <summary>A deployer that can stop one service it started, so a later iteration can redeploy it (or roll it back) alone.</summary>
public interface IServiceStopper
{
    /// <returns>False when the deployer was not running that service.</returns>
    Task<bool> StopServiceAsync(string service, CancellationToken cancellationToken);

    /// <summary>Kills every service it started at once (SIGKILL, no grace), for a quit that cannot wait (a second Ctrl+C). Synchronous.</summary>
    void KillAll();
}

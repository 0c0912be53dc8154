namespace Greenlight.Stages;

/// <summary>A deployer that can stop one service it started, so a later iteration can redeploy it (or roll it back) alone.</summary>
public interface IServiceStopper
{
    /// <returns>False when the deployer was not running that service.</returns>
    Task<bool> StopServiceAsync(string service, CancellationToken cancellationToken);
}

using System.Security.Cryptography;
using System.Text;
using Greenlight.Config;

namespace Greenlight.Runs.Deploying;

internal static class EnvironmentRevision
{
    /// <summary>
    /// "+env 1a2b3c4d": a hash of the service's configured environment, so that switching a fault on
    /// through the environment (same build) is a new revision with a last good one to return to.
    /// </summary>
    public static string Of(ServiceConfig service)
    {
        if (service.Local is not { Environment.Count: > 0 } local)
        {
            return "";
        }

        var text = string.Concat(local.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}\0"));
        return "+env " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
    }
}

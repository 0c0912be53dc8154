using System.Text.RegularExpressions;

namespace Greenlight.Config;

/// <summary>
/// Placeholders that only have a value once services run: <c>{port}</c> (the service's own port,
/// expanded by the deployer) and <c>{url:NAME}</c> (base URL of a service it depends on,
/// expanded by the pipeline before the deployer sees the service).
/// </summary>
public static partial class RuntimePlaceholders
{
    public const string Port = "{port}";

    public static string ExpandPort(string text, int port) =>
        text.Replace(Port, port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string ExpandUrls(string text, IReadOnlyDictionary<string, Uri> serviceUrls) =>
        Url().Replace(text, match =>
            serviceUrls.TryGetValue(match.Groups["name"].Value, out var url)
                ? url.GetLeftPart(UriPartial.Authority)
                : match.Value);

    /// <summary>Service names referenced by <c>{url:NAME}</c>, for validation.</summary>
    public static IEnumerable<string> ReferencedServices(string text) =>
        Url().Matches(text).Select(m => m.Groups["name"].Value);

    /// <summary>Returns the service with every <c>{url:NAME}</c> in its run command and environment expanded.</summary>
    public static ServiceConfig WithUrls(ServiceConfig service, IReadOnlyDictionary<string, Uri> serviceUrls)
    {
        if (service.Local is not { } local)
        {
            return service;
        }

        var env = local.Environment.ToDictionary(kv => kv.Key, kv => ExpandUrls(kv.Value, serviceUrls));
        return service with
        {
            Local = local with
            {
                Run = ExpandUrls(local.Run, serviceUrls),
                Build = local.Build is null ? null : ExpandUrls(local.Build, serviceUrls),
                Environment = env,
            },
        };
    }

    [GeneratedRegex(@"\{url:(?<name>[A-Za-z0-9_-]+)\}")]
    private static partial Regex Url();
}

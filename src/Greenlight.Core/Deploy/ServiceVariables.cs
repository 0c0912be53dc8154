using System.Text;

namespace Greenlight.Deploy;

/// <summary>Names of the variables through which processes learn where services are.</summary>
public static class ServiceVariables
{
    /// <summary><c>GREENLIGHT_&lt;SERVICE&gt;_URL</c>: upper case, anything not a letter or digit becomes '_'.</summary>
    public static string UrlVariable(string service)
    {
        var name = new StringBuilder("GREENLIGHT_");
        foreach (var c in service)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.Append("_URL").ToString();
    }

    /// <summary>Every service's URL variable, for test runners.</summary>
    public static IReadOnlyDictionary<string, string> ForAll(IReadOnlyDictionary<string, Uri> urls) =>
        urls.ToDictionary(kv => UrlVariable(kv.Key), kv => kv.Value.ToString().TrimEnd('/'), StringComparer.Ordinal);
}

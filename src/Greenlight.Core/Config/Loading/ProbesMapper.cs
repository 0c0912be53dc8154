using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Greenlight.Config.Loading;

/// <summary>A service's <c>probes:</c>: HTTP and WebSocket health checks, with an optional token request.</summary>
internal sealed class ProbesMapper(YamlReader r)
{
    private static readonly string[] ProbeKeys = ["http", "websocket", "expect", "timeout", "subprotocols", "headers", "token"];
    private static readonly string[] HttpExpectKeys = ["status", "json"];
    private static readonly string[] WebSocketExpectKeys = ["status", "first_message"];
    private static readonly string[] TokenKeys = ["service", "path", "body", "headers", "field", "placement", "subprotocol_prefix"];

    public List<ProbeConfig> Map(YamlNode? node, string field, HashSet<string> serviceNames)
    {
        var probes = new List<ProbeConfig>();
        if (r.Sequence(node, field) is not { } list)
        {
            return probes;
        }

        for (var i = 0; i < list.Children.Count; i++)
        {
            if (MapProbe(list.Children[i], $"{field}[{i}]", serviceNames) is { } probe)
            {
                probes.Add(probe);
            }
        }

        return probes;
    }

    private ProbeConfig? MapProbe(YamlNode node, string itemField, HashSet<string> serviceNames)
    {
        if (r.Mapping(node, itemField) is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, itemField, ProbeKeys);
        var http = YamlReader.Child(map, "http");
        var ws = YamlReader.Child(map, "websocket");
        if ((http is null) == (ws is null))
        {
            r.Error(map, itemField, "needs exactly one of 'http: PATH|URL' or 'websocket: PATH|URL'");
            return null;
        }

        var kind = http is not null ? ProbeKind.Http : ProbeKind.WebSocket;
        var keyName = kind == ProbeKind.Http ? "http" : "websocket";
        var target = r.String(http ?? ws, $"{itemField}.{keyName}", required: true) ?? "";
        if (target.Length > 0 && !target.StartsWith('/') && !Uri.TryCreate(target, UriKind.Absolute, out _))
        {
            r.Error((http ?? ws)!, $"{itemField}.{keyName}", $"'{target}' must be a path starting with '/' or an absolute URL");
        }

        var expect = r.Mapping(YamlReader.Child(map, "expect"), $"{itemField}.expect");
        if (expect is not null)
        {
            r.CheckKeys(expect, $"{itemField}.expect", kind == ProbeKind.Http ? HttpExpectKeys : WebSocketExpectKeys);
        }

        if (kind == ProbeKind.Http)
        {
            foreach (var key in new[] { "subprotocols", "token" })
            {
                if (YamlReader.Child(map, key) is { } extra)
                {
                    r.Error(extra, $"{itemField}.{key}", "applies only to websocket probes");
                }
            }
        }

        var token = MapToken(YamlReader.Child(map, "token"), $"{itemField}.token", serviceNames);
        return new ProbeConfig
        {
            Kind = kind,
            Target = target,
            ExpectStatus = r.Int(YamlReader.Child(expect, "status"), $"{itemField}.expect.status", 100, 599, "an HTTP status")
                ?? (kind == ProbeKind.Http ? 200 : 101),
            ExpectJson = r.StringMap(YamlReader.Child(expect, "json"), $"{itemField}.expect.json"),
            ExpectFirstMessageType = r.String(YamlReader.Child(expect, "first_message"), $"{itemField}.expect.first_message"),
            Timeout = r.Duration(YamlReader.Child(map, "timeout"), $"{itemField}.timeout") ?? TimeSpan.FromSeconds(5),
            Subprotocols = [.. r.StringList(YamlReader.Child(map, "subprotocols"), $"{itemField}.subprotocols").Select(s => s.Value)],
            Headers = r.StringMap(YamlReader.Child(map, "headers"), $"{itemField}.headers"),
            Token = token.Config,
            TokenPlacement = token.Placement,
            TokenSubprotocolPrefix = token.Prefix ?? "",
        };
    }

    private (TokenRequestConfig? Config, string Placement, string? Prefix) MapToken(YamlNode? node, string field, HashSet<string> serviceNames)
    {
        if (r.Mapping(node, field) is not { } map)
        {
            return (null, "header", null);
        }

        r.CheckKeys(map, field, TokenKeys);
        var service = r.String(YamlReader.Child(map, "service"), $"{field}.service", required: true, parent: map);
        if (service is not null && !serviceNames.Contains(service))
        {
            r.Error(YamlReader.Child(map, "service")!, $"{field}.service", $"unknown service '{service}'{Suggestions.Hint(service, serviceNames)}");
        }

        var placement = r.String(YamlReader.Child(map, "placement"), $"{field}.placement") ?? "header";
        if (placement is not ("header" or "subprotocol"))
        {
            r.Error(YamlReader.Child(map, "placement")!, $"{field}.placement", "must be 'header' (Authorization: Bearer) or 'subprotocol'");
        }

        var bodyNode = YamlReader.Child(map, "body");
        var body = bodyNode is YamlMappingNode
            ? JsonSerializer.Serialize(r.StringMap(bodyNode, $"{field}.body"))
            : r.String(bodyNode, $"{field}.body") ?? "{}";
        var config = new TokenRequestConfig
        {
            Service = service ?? "",
            Path = r.String(YamlReader.Child(map, "path"), $"{field}.path", required: true, parent: map) ?? "",
            Body = body,
            Headers = r.StringMap(YamlReader.Child(map, "headers"), $"{field}.headers"),
            Field = r.String(YamlReader.Child(map, "field"), $"{field}.field") ?? "accessToken",
        };
        // The prefix is the application's protocol, not Greenlight's: a subprotocol token needs it said.
        var prefix = r.String(YamlReader.Child(map, "subprotocol_prefix"), $"{field}.subprotocol_prefix");
        if (placement == "subprotocol" && string.IsNullOrEmpty(prefix))
        {
            r.Error(YamlReader.Child(map, "subprotocol_prefix") ?? map, $"{field}.subprotocol_prefix",
                "is required with placement: subprotocol (the text the token follows, e.g. myapp.bearer.)");
        }

        return (config, placement, prefix);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greenlight.Tracking.Tests;

/// <summary>One request the server received, as Octokit sent it.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, string? Authorization, JsonNode? Body);

/// <summary>
/// A small real HTTP server (Kestrel on 127.0.0.1, port chosen by the OS) that stands in for the
/// GitHub REST API in tests: it serves only what <see cref="GitHubTracker"/> calls, under
/// <c>/api/v3/</c> because Octokit adds that prefix to any host other than api.github.com, keeps
/// issues in memory and records every request. It is not GitHub; it checks what we send.
/// </summary>
internal sealed class LocalGitHubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _issues = [];
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Lock _gate = new();

    private LocalGitHubServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests { get { lock (_gate) { return [.. _requests]; } } }

    public IReadOnlyList<JsonObject> Issues { get { lock (_gate) { return [.. _issues.Select(i => (JsonObject)i.DeepClone())]; } } }

    /// <param name="acceptedToken">Requests without this token get 401 Bad credentials, as GitHub answers.</param>
    public static async Task<LocalGitHubServer> StartAsync(string acceptedToken, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LocalGitHubServer(app);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Headers.Authorization.ToString().EndsWith(" " + acceptedToken, StringComparison.Ordinal))
            {
                await server.RecordAsync(context);
                await WriteAsync(context, 401, new JsonObject { ["message"] = "Bad credentials", ["documentation_url"] = "https://docs.github.com/rest" });
                return;
            }

            await next(context);
        });
        app.MapGet("/api/v3/repos/{owner}/{repo}/issues", server.ListAsync);
        app.MapPost("/api/v3/repos/{owner}/{repo}/issues", server.CreateAsync);
        app.MapMethods("/api/v3/repos/{owner}/{repo}/issues/{number:int}", ["PATCH"], server.UpdateAsync);
        app.MapPost("/api/v3/repos/{owner}/{repo}/issues/{number:int}/comments", server.CommentAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
    }

    /// <summary>An issue that exists before the test (e.g. opened by an earlier run).</summary>
    public void Seed(string title, string body, string state, params string[] labels)
    {
        lock (_gate)
        {
            _issues.Add(Issue(_issues.Count + 1, title, body, state, labels));
        }
    }

    private async Task ListAsync(HttpContext context)
    {
        await RecordAsync(context);
        var state = context.Request.Query["state"].ToString();
        var label = context.Request.Query["labels"].ToString();
        JsonArray list;
        lock (_gate)
        {
            list = [.. _issues
                .Where(i => state is "" or "all" || (string?)i["state"] == state)
                .Where(i => label.Length == 0 || i["labels"]!.AsArray().Any(l => (string?)l!["name"] == label))
                .Select(i => i.DeepClone())];
        }

        await WriteAsync(context, 200, list);
    }

    private async Task CreateAsync(HttpContext context)
    {
        var body = (await RecordAsync(context))!.AsObject();
        JsonObject issue;
        lock (_gate)
        {
            var labels = body["labels"]?.AsArray().Select(l => (string)l!).ToArray() ?? [];
            issue = Issue(_issues.Count + 1, (string)body["title"]!, (string?)body["body"] ?? "", "open", labels);
            _issues.Add(issue);
        }

        await WriteAsync(context, 201, issue.DeepClone());
    }

    private async Task UpdateAsync(HttpContext context, int number)
    {
        var body = (await RecordAsync(context))!.AsObject();
        JsonNode result;
        lock (_gate)
        {
            var issue = _issues.Single(i => (int)i["number"]! == number);
            foreach (var field in new[] { "title", "body", "state", "state_reason" })
            {
                if (body[field] is { } value)
                {
                    issue[field] = value.DeepClone();
                }
            }

            result = issue.DeepClone();
        }

        await WriteAsync(context, 200, result);
    }

    private async Task CommentAsync(HttpContext context, int number)
    {
        var body = await RecordAsync(context);
        await WriteAsync(context, 201, new JsonObject
        {
            ["id"] = 9000 + number,
            ["body"] = body?["body"]?.DeepClone(),
            ["html_url"] = $"https://github.example.invalid/issues/{number}#comment",
            ["user"] = new JsonObject { ["login"] = "greenlight-bot", ["id"] = 1 },
            ["created_at"] = "2026-11-23T10:00:00Z",
        });
    }

    private async Task<JsonNode?> RecordAsync(HttpContext context)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var body = text.Length == 0 ? null : JsonNode.Parse(text);
        lock (_gate)
        {
            _requests.Add(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString(), body));
        }

        return body;
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default), context.RequestAborted);
    }

    private static JsonObject Issue(int number, string title, string body, string state, string[] labels) => new()
    {
        ["id"] = 1000 + number,
        ["node_id"] = $"I_{number}",
        ["number"] = number,
        ["url"] = $"https://github.example.invalid/api/v3/repos/acme/agentchat/issues/{number}",
        ["html_url"] = $"https://github.example.invalid/acme/agentchat/issues/{number}",
        ["title"] = title,
        ["body"] = body,
        ["state"] = state,
        ["locked"] = false,
        ["comments"] = 0,
        ["labels"] = new JsonArray([.. labels.Select((l, i) => (JsonNode)new JsonObject { ["id"] = i + 1, ["name"] = l, ["color"] = "0e8a16" })]),
        ["user"] = new JsonObject { ["login"] = "greenlight-bot", ["id"] = 1 },
        ["created_at"] = "2026-11-23T10:00:00Z",
        ["updated_at"] = "2026-11-23T10:00:00Z",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using AgentChat.Backend.Agents;
using AgentChat.Backend.Storage;
using AgentChat.Common.Hosting;

namespace AgentChat.Backend.Api;

/// <summary>The <c>/api</c> routes: agent discovery and configuration, threads and their messages.</summary>
public static class ApiEndpoints
{
    public const int MaxTitleLength = 200;

    public static void MapApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireBearer();
        api.MapGet("/agents", (AgentCatalog agents) => agents.All.Select(Summary));
        api.MapGet("/agents/{id}", (string id, AgentCatalog agents, BackendOptions options) =>
            agents.Describe(id) is { } info ? Results.Ok(Configuration(info, options)) : NotFound($"unknown agent '{id}'"));

        api.MapPost("/threads", CreateThreadAsync);
        api.MapGet("/threads", async (HttpContext context, ChatStore store) =>
            Results.Ok(await store.ListThreadsAsync(ApiUser.Id(context), context.RequestAborted)));
        api.MapGet("/threads/{id}", async (string id, HttpContext context, ChatStore store) =>
            await store.GetThreadAsync(ApiUser.Id(context), id, context.RequestAborted) is { } thread ? Results.Ok(thread) : NotFound("thread not found"));
        api.MapDelete("/threads/{id}", async (string id, HttpContext context, ChatStore store) =>
            await store.DeleteThreadAsync(ApiUser.Id(context), id, context.RequestAborted) ? Results.NoContent() : NotFound("thread not found"));
        api.MapGet("/threads/{id}/messages", async (string id, HttpContext context, ChatStore store) =>
            await store.ListMessagesAsync(ApiUser.Id(context), id, context.RequestAborted) is { } messages ? Results.Ok(messages) : NotFound("thread not found"));
    }

    private static async Task<IResult> CreateThreadAsync(HttpContext context, ChatStore store)
    {
        var title = "New thread";
        if (context.Request.ContentLength is not 0 && context.Request.ContentType is not null)
        {
            var (body, problem) = await JsonBody.ReadAsync<CreateThreadRequest>(context.Request);
            if (body is null)
            {
                return problem!;
            }

            if (body.Title is { } given)
            {
                if (string.IsNullOrWhiteSpace(given) || given.Length > MaxTitleLength)
                {
                    return Results.Problem(detail: $"title must have 1 to {MaxTitleLength} characters", statusCode: StatusCodes.Status400BadRequest);
                }

                title = given.Trim();
            }
        }

        var thread = await store.CreateThreadAsync(ApiUser.Id(context), title, context.RequestAborted);
        return Results.Created($"/api/threads/{thread.Id}", thread);
    }

    private static IResult NotFound(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound);

    private static AgentSummary Summary(AgentInfo info) =>
        new(info.Id, info.Name, info.Description, [.. info.Tools.Select(t => new ToolSummary(t.Name, t.Description))]);

    private static AgentConfiguration Configuration(AgentInfo info, BackendOptions options) =>
        new(info.Id, info.Name, info.Description, [.. info.Tools.Select(t => new ToolSummary(t.Name, t.Description))], (int)options.ThinkTime.TotalMilliseconds, info.HandoffTargets);
}

using System.Net.WebSockets;
using System.Text.Json;
using AgentChat.Backend.Runs;

namespace AgentChat.Backend.Sockets;

/// <summary>
/// Handles one client frame of a READY connection. Bad input gets an error event and the
/// socket stays open; only a run on a thread that is not the user's closes it (1008).
/// </summary>
public sealed class ClientMessageHandler(RunCoordinator runs, ILogger<ClientMessageHandler> log)
{
    public async Task HandleAsync(ClientConnection connection, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            connection.Send(ServerMessages.Error("bad_json", "the frame is not valid JSON"));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "ping":
                    connection.Send(ServerMessages.Pong);
                    break;
                case "execute_agent":
                    await ExecuteAsync(connection, root, cancellationToken);
                    break;
                case "cancel_run":
                    if (!runs.Cancel(connection.UserId, Text(root, "runId")))
                    {
                        connection.Send(ServerMessages.Error("run_not_found", "no active run with this runId"));
                    }

                    break;
                case null:
                    connection.Send(ServerMessages.Error("bad_json", "the frame must be a JSON object with a string \"type\""));
                    break;
                default:
                    connection.Send(ServerMessages.Error("unknown_type", $"unknown message type '{Truncate(type)}'"));
                    break;
            }
        }
    }

    private async Task ExecuteAsync(ClientConnection connection, JsonElement root, CancellationToken cancellationToken)
    {
        var result = await runs.StartAsync(connection.UserId, Text(root, "threadId"), Text(root, "agentId"), Text(root, "input"), cancellationToken);
        switch (result.Outcome)
        {
            case StartOutcome.Started:
                log.LogInformation("execute_agent accepted as run {RunId}", result.RunId);
                break;
            case StartOutcome.ThreadNotFound:
                log.LogWarning("execute_agent refused: thread not found for user {UserId}; closing 1008", connection.UserId);
                connection.Close(WebSocketCloseStatus.PolicyViolation, "thread not found");
                break;
            case StartOutcome.UnknownAgent:
                connection.Send(ServerMessages.Error("unknown_agent", result.Detail!));
                break;
            case StartOutcome.RunInProgress:
                connection.Send(ServerMessages.Error("run_in_progress", result.Detail!));
                break;
            default:
                connection.Send(ServerMessages.Error("bad_request", result.Detail!));
                break;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

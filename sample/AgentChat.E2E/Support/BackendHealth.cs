using System.Net;
using System.Text.Json;
using AgentChat.E2E.Client;

namespace AgentChat.E2E.Support;

/// <summary>Reads the backend's /health, whose auth_status comes from its own 2 s probe of auth.</summary>
public static class BackendHealth
{
    /// <summary>Readings taken before concluding that the backend does not see auth as reachable.</summary>
    public const int Readings = 3;

    /// <summary>
    /// The first reading with auth_status "reachable". One probe can time out on a starved
    /// machine, so up to <see cref="Readings"/> readings are taken; all of them are reported when
    /// none says reachable (a slow or absent auth service fails every reading).
    /// </summary>
    public static async Task<JsonElement> WithAuthReachableAsync(AgentChatApi api, CancellationToken ct)
    {
        var seen = new List<string>();
        for (var i = 0; i < Readings; i++)
        {
            var health = (await api.GetAsync(Service.Backend, "health", null, ct)).Expect(HttpStatusCode.OK).Json;
            if (health.GetProperty("auth_status").GetString() == "reachable")
            {
                return health;
            }
            seen.Add(health.GetProperty("auth_status").GetString() ?? "null");
        }
        throw new E2EFailure($"backend /health never reported auth_status \"reachable\" in {Readings} readings; it reported: {string.Join(", ", seen)}");
    }
}

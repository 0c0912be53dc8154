namespace Greenlight.Benchmarks;

/// <summary>
/// The floor for the probe fan-out: the same 100 GETs with nothing but HttpClient (no ProbeRunner, no
/// timeouts, no JSON check), so what Greenlight adds can be told apart from what loopback HTTP on this
/// machine costs.
/// </summary>
public static class RawFanOut
{
    public static async Task<int> GetAllAsync(HttpClient http, Uri baseUrl, int count, int stepMs)
    {
        var gets = Enumerable.Range(0, count).Select(async i =>
        {
            await Task.Yield();
            using var response = await http.GetAsync(new Uri(baseUrl, $"/health/{stepMs + (i * stepMs)}"));
            await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode;
        });
        var ok = await Task.WhenAll(gets);
        return ok.All(x => x) ? count : throw new InvalidOperationException("a raw GET failed");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AgentChat.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster (Debian's postgresql, which ./test.sh installs): initdb into a temp folder
/// owned by the postgres user, pg_ctl start on a free loopback port, pg_ctl stop at the end.
/// Without the Debian package the fixture fails with a clear message; it never falls back.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _dir;
    private readonly string _binaries;

    private PostgresServer(string dir, string binaries, int port)
    {
        _dir = dir;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=5";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        var binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        if (binaries is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install -y postgresql, or run ./test.sh which installs it");
        }

        var dir = Directory.CreateTempSubdirectory("agentchat-pg-").FullName;
        var server = new PostgresServer(dir, binaries, FreePort());
        await RunAsync("chown", ["-R", "postgres:postgres", dir], cancellationToken);
        await server.AsPostgresAsync("initdb", ["-D", Path.Combine(dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"], cancellationToken);
        await server.AsPostgresAsync(
            "pg_ctl",
            ["-D", Path.Combine(dir, "data"), "-o", $"-p {server.Port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", Path.Combine(dir, "log"), "-w", "-t", "60", "start"],
            cancellationToken);
        return server;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await AsPostgresAsync("pg_ctl", ["-D", Path.Combine(_dir, "data"), "-m", "immediate", "-w", "stop"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        if (File.Exists(Path.Combine(_dir, "data", "postmaster.pid")))
        {
            await StopAsync(limit.Token);
        }

        Directory.Delete(_dir, recursive: true);
    }

    private Task AsPostgresAsync(string tool, string[] arguments, CancellationToken cancellationToken) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. arguments], cancellationToken);

    private static async Task RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await output}{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

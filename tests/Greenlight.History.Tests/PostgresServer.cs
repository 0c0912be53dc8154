using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Greenlight.History.Tests;

/// <summary>
/// A real PostgreSQL for the test run: Debian's binaries, initdb into a temp folder, a free
/// loopback port, stopped at the end. The server refuses to run as root, so as root it runs as
/// the postgres user through runuser (initdb and postgres refuse to run as root). Missing binaries fail the tests; never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private DirectoryInfo? _folder;
    private string _bin = "";

    public string AdminConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _bin = FindBinaries();
        _folder = Directory.CreateTempSubdirectory("gl-pg-");
        var data = Path.Combine(_folder.FullName, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", _folder.FullName], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], asRoot);
        var port = FreePort();
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", data, "-o", $"-p {port} -k {_folder.FullName} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", Path.Combine(_folder.FullName, "log"), "-w", "-t", "60", "start"],
            asRoot);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=15";
    }

    /// <summary>A new empty database, so tests never see each other's rows.</summary>
    public async Task<string> NewDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"gl_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder.FullName, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");
        }
        finally
        {
            _folder.Delete(recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb). Install them: apt-get install -y postgresql (test.sh does this).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {CommandTimeout.TotalSeconds} s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}

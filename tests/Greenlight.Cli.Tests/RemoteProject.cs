using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The remote-project test data: a "remote" service whose platform is a set of shell scripts standing in
/// for the gcloud CLI (platform/*.sh). The scripts run the service in the background, as a platform keeps
/// a container running after the deploy returns, so <see cref="Dispose"/> stops it.
/// </summary>
internal sealed class RemoteProject : IDisposable
{
    private RemoteProject(string root) => Root = root;

    public string Root { get; }

    public static RemoteProject Create(string release)
    {
        var project = new RemoteProject(CliProcess.CopyProject("remote-project"));
        // The URL is configured, as a real service's is; the OS picks the port and the platform serves on it.
        var port = FreePort();
        File.WriteAllText(Path.Combine(project.Root, "port.txt"), port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var config = Path.Combine(project.Root, "greenlight.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        project.SetRelease(release);
        return project;
    }

    public void EditConfig(Func<string, string> edit)
    {
        var config = Path.Combine(Root, "greenlight.yaml");
        var before = File.ReadAllText(config);
        var after = edit(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(config, after);
    }

    public void SetRelease(string release) => File.WriteAllText(Path.Combine(Root, "release.txt"), release + "\n");

    public Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(Root, TimeSpan.FromMinutes(3), args);

    public string RunDirectory => CliProcess.RunDirectory(Root);

    public JsonElement RunJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDirectory, "run.json"))).RootElement;

    public string Worklog() => File.ReadAllText(Path.Combine(RunDirectory, "worklog.md"));

    /// <summary>The revision the platform serves now, by its own bookkeeping.</summary>
    public string Serving() => File.ReadAllText(Path.Combine(Root, ".platform", "serving")).Trim();

    /// <summary>Runs one of the platform scripts the way a user would before Greenlight (e.g. the revision already in production).</summary>
    public async Task PlatformAsync(string script)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine("platform", script));
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{script}: {await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        var pidFile = Path.Combine(Root, ".platform", "pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            // Only this project's service: the crashing release has exited, and on a busy machine its pid
            // may already belong to someone else's process.
            if (IsOurService(pid))
            {
                try
                {
                    using var service = Process.GetProcessById(pid);
                    service.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // It exited in between.
                }
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private bool IsOurService(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(Path.Combine(Root, "platform", "service.py"), StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

using System.CommandLine;
using System.Net;
using Greenlight.Cli.Hosting;
using Greenlight.Cli.Output;
using Greenlight.Cli.Serve;
using Greenlight.Secrets;

namespace Greenlight.Cli.Commands;

/// <summary><c>greenlight serve</c>: the dashboard over the history store, on loopback unless <c>--bind</c> says otherwise.</summary>
internal static class ServeCommand
{
    public const int DefaultPort = 5180;

    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var port = new Option<int>("--port", "-p") { Description = $"Port to listen on (default {DefaultPort})", DefaultValueFactory = _ => DefaultPort };
        var bind = new Option<string>("--bind")
        {
            Description = "Address to listen on (default 127.0.0.1; another address exposes the runs' evidence to that network)",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "ADDRESS",
        };
        var runs = new Option<int>("--runs", "-n") { Description = "How many recent runs the list and the trends show", DefaultValueFactory = _ => 30 };
        var command = new Command("serve", "Serve a dashboard of the history store (history: in greenlight.yaml): runs with verdicts and durations, trends, flaky tests, open root causes, each run's report.html and a live view of a run in progress.")
        {
            config, port, bind, runs,
        };
        command.SetAction((parse, cancellationToken) =>
            ServeAsync(redactor, parse.GetValue(config), parse.GetValue(bind)!, parse.GetValue(port), Math.Max(1, parse.GetValue(runs)), cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(SecretRedactor redactor, string? configPath, string bind, int port, int runs, CancellationToken cancellationToken)
    {
        var terminal = new Terminal(redactor, machineOutput: false);
        if (!IPAddress.TryParse(bind, out var address))
        {
            terminal.Error($"--bind {bind}: not an IP address (e.g. 127.0.0.1, ::1, 0.0.0.0)");
            return CliApp.UsageError;
        }

        if (port is < 0 or > 65535)
        {
            terminal.Error($"--port {port}: not a port");
            return CliApp.UsageError;
        }

        if (ConfigSession.Open(configPath, terminal, redactor) is not { } config)
        {
            return CliApp.UsageError;
        }

        await using var app = DashboardServer.Build(config, redactor, address, port, runs, TimeProvider.System);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            terminal.Error($"cannot listen on {bind}:{port}: {ex.Message}");
            return CliApp.UsageError;
        }

        var shown = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        terminal.Line($"greenlight serve: http://{shown}:{port}/ ({config.Project}; Ctrl+C stops)");
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}

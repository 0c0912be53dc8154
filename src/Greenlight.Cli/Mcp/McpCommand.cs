using System.CommandLine;
using System.Reflection;
using Greenlight.Cli.Commands;
using Greenlight.Secrets;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Greenlight.Cli.Mcp;

/// <summary><c>greenlight mcp</c>: Greenlight as a Model Context Protocol server over stdio, for coding agents.</summary>
internal static class McpCommand
{
    public static Command Create(SecretRedactor redactor)
    {
        var config = CommonOptions.Config();
        var command = new Command("mcp",
            "Serve Greenlight to a coding agent over the Model Context Protocol on stdin/stdout: tools plan, probe, run, evidence, check_fix "
            + "and history, and the latest worklog and run.json as resources. Runs only what greenlight.yaml describes; never commits, pushes or edits files. See docs/agents.md.")
        {
            config,
        };
        command.SetAction((parse, cancellationToken) => ServeAsync(redactor, parse.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(SecretRedactor redactor, string? configPath, CancellationToken cancellationToken)
    {
        var tools = new GreenlightTools(configPath, redactor);
        var version = typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "greenlight", Version = version },
            ServerInstructions = "Greenlight deploys the services of greenlight.yaml, runs their end-to-end suites in priority order and gives a verdict it can prove "
                + "(GREEN, RED, UNPROVEN, BLOCKED). Loop: run → evidence (when not GREEN) → fix the code → check_fix → run. A fix that weakens tests is rejected.",
            ToolCollection =
            [
                Tool(tools, nameof(GreenlightTools.Plan), "plan", readOnly: true),
                Tool(tools, nameof(GreenlightTools.Probe), "probe", readOnly: false),
                Tool(tools, nameof(GreenlightTools.Run), "run", readOnly: false),
                Tool(tools, nameof(GreenlightTools.Evidence), "evidence", readOnly: true),
                Tool(tools, nameof(GreenlightTools.CheckFix), "check_fix", readOnly: true),
                Tool(tools, nameof(GreenlightTools.History), "history", readOnly: true),
            ],
            ResourceCollection =
            [
                McpServerResource.Create(() => tools.LatestWorklog(), new McpServerResourceCreateOptions
                {
                    UriTemplate = "greenlight://runs/latest/worklog.md", Name = "latest-worklog", MimeType = "text/markdown",
                    Description = "The worklog of the latest run",
                }),
                McpServerResource.Create(() => tools.LatestRunJson(), new McpServerResourceCreateOptions
                {
                    UriTemplate = "greenlight://runs/latest/run.json", Name = "latest-run-json", MimeType = "application/json",
                    Description = "The run.json report of the latest run",
                }),
            ],
        };
        await using var transport = new StdioServerTransport(options);
        await using var server = McpServer.Create(transport, options);
        try
        {
            await server.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return 0;
    }

    private static McpServerTool Tool(GreenlightTools tools, string method, string name, bool readOnly) =>
        McpServerTool.Create(typeof(GreenlightTools).GetMethod(method)!, tools, new McpServerToolCreateOptions
        {
            Name = name,
            ReadOnly = readOnly,
            Destructive = false,
            UseStructuredContent = true,
        });
}

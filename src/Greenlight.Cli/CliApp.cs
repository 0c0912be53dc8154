using System.CommandLine;
using Greenlight.Cli.Commands;
using Greenlight.Secrets;

namespace Greenlight.Cli;

/// <summary>The <c>greenlight</c> command line: parses, reports usage errors with exit code 2, runs a command.</summary>
internal static class CliApp
{
    public const int UsageError = 2;

    // Shell variables whose names look secret to the redactor (PWD reads as "password") but hold paths.
    private static readonly HashSet<string> NotSecret = new(StringComparer.Ordinal) { "PWD", "OLDPWD" };

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken, QuitHooks? quit = null)
    {
        var redactor = new SecretRedactor();
        redactor.AddFromEnvironment(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => !NotSecret.Contains((string)e.Key))
            .Select(e => new KeyValuePair<string, string>((string)e.Key, e.Value as string ?? "")));
        var root = Build(redactor, quit ?? new QuitHooks());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"greenlight: {redactor.Redact(error.Message)}");
            }

            await Console.Error.WriteLineAsync("Run 'greenlight --help' for usage.");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken);
    }

    public static RootCommand Build(SecretRedactor redactor, QuitHooks quit)
    {
        var root = new RootCommand(
            "Greenlight deploys your services, proves they are up, runs your end-to-end suites in priority order, "
            + "and gives a verdict it can prove: GREEN 0, RED 1, configuration or usage error 2, UNPROVEN 3, BLOCKED 4.");
        root.Add(RunCommand.Create(redactor, quit));
        root.Add(FinishCommand.Create(redactor, quit));
        root.Add(CiCommand.Create());
        root.Add(PlanCommand.Create(redactor));
        root.Add(ProbeCommand.Create(redactor));
        root.Add(ReportCommand.Create(redactor));
        root.Add(HistoryCommand.Create(redactor));
        root.Add(ServeCommand.Create(redactor));
        root.Add(Mcp.McpCommand.Create(redactor));
        return root;
    }
}

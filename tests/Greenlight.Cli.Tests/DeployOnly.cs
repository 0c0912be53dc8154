using System.Diagnostics;
using System.Text;

namespace Greenlight.Cli.Tests;

/// <summary><c>greenlight run --deploy-only</c> in the background: its run id, its output, and it killed at the end if it still runs.</summary>
internal sealed class DeployOnly : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DeployOnly(Process process) => _process = process;

    public string RunId { get; private set; } = "";

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<DeployOnly> StartAsync(string folder, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var deploy = new DeployOnly(Start(folder, environment, ["run", "--deploy-only", .. args]));
        var id = new TaskCompletionSource<string>();
        void Line(string? line)
        {
            lock (deploy._output)
            {
                deploy._output.AppendLine(line);
            }

            if (line?.StartsWith("run id: ", StringComparison.Ordinal) == true)
            {
                id.TrySetResult(line["run id: ".Length..].Trim());
            }
        }

        deploy._process.OutputDataReceived += (_, e) => Line(e.Data);
        deploy._process.ErrorDataReceived += (_, e) => Line(e.Data);
        deploy._process.BeginOutputReadLine();
        deploy._process.BeginErrorReadLine();
        try
        {
            deploy.RunId = await id.Task.WaitAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            await deploy.DisposeAsync();
            throw new TimeoutException($"no run id from the deploy-only run:\n{deploy.Output}");
        }

        return deploy;
    }

    /// <summary>The built CLI in <paramref name="folder"/>, its output redirected (read it with the process's events).</summary>
    public static Process Start(string folder, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Process.Start(CliProcess.StartInfo(folder, environment, args))!;

    public async Task<bool> ExitedAsync()
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

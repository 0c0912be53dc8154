using System.Runtime.InteropServices;
using Greenlight.Cli;

using var cancellation = new CancellationTokenSource();
using var quit = new QuitHooks();
// First Ctrl+C or SIGTERM cancels the run so services are stopped and the worklog is written;
// a second one kills the services, writes a minimal run.json and worklog (the run registers how),
// and ends the process at once with exit code 130.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context));

var exitCode = await CliApp.RunAsync(args, cancellation.Token, quit);
// A second Ctrl+C may end the command itself (its services killed, it returns): the quit's 130 still stands.
return quit.QuitAtOnce() ? 130 : exitCode;

void Cancel(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested)
    {
        quit.Run($"greenlight: {context.Signal} received again: killing services, writing a minimal run.json and worklog, quitting");
        // Ctrl+C's exit status (128 + SIGINT), as a shell reports a process ended by it.
        Environment.Exit(130);
        return;
    }

    context.Cancel = true;
    Console.Error.WriteLine($"greenlight: {context.Signal} received: stopping services and writing the worklog (press Ctrl+C again to quit at once)");
    cancellation.Cancel();
}

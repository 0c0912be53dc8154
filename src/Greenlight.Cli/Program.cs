using System.Runtime.InteropServices;
using Greenlight.Cli;

using var cancellation = new CancellationTokenSource();
// First Ctrl+C or SIGTERM cancels the run so services are stopped and the worklog is written;
// a second Ctrl+C falls through to the default and ends the process at once.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context));

return await CliApp.RunAsync(args, cancellation.Token);

void Cancel(PosixSignalContext context)
{
    if (cancellation.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    Console.Error.WriteLine($"greenlight: {context.Signal} received: stopping services and writing the worklog (press Ctrl+C again to quit at once)");
    cancellation.Cancel();
}

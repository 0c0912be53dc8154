using System.Diagnostics;

namespace Greenlight.Processes;

/// <summary>
/// Starts a process whose output the caller reads as a stream (a log command's lines, read up to a cap),
/// which <see cref="ChildProcess"/> does not offer: it writes output to a log file and a callback.
/// </summary>
public static class PipedProcess
{
    /// <returns>The started process, or the reason it could not start.</returns>
    public static (Process? Process, string? Error) Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        try
        {
            // RS0030 bans Process.Start outside this folder: processes are started only here and in ChildProcess.
#pragma warning disable RS0030
            return (Process.Start(info) ?? throw new InvalidOperationException("no process"), null);
#pragma warning restore RS0030
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, e.Message);
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace AgentChat.Common.Logging;

/// <summary>
/// The text of a logged exception: what <see cref="Exception.ToString"/> says, with runaway
/// recursion folded. A trace deeper than <see cref="DeepTrace"/> frames is written from its
/// frames directly (type, message, one line a frame), because formatting tens of thousands of
/// frames with file and line takes hundreds of milliseconds per failure.
/// </summary>
public static class ExceptionText
{
    public const int DeepTrace = 512;

    public static string Describe(Exception error)
    {
        var trace = new StackTrace(error, fNeedFileInfo: false);
        if (trace.FrameCount <= DeepTrace)
        {
            return RepeatedLines.Fold(error.ToString());
        }

        List<string> lines = [$"{error.GetType().FullName}: {error.Message}", .. trace.GetFrames().Select(Frame)];
        var text = RepeatedLines.Fold(lines);
        return error.InnerException is { } inner ? $"{text}\n ---> {Describe(inner)}" : text;
    }

    // The IL offset tells two calls in one method apart, so only truly identical frames fold.
    private static string Frame(StackFrame frame) =>
        DiagnosticMethodInfo.Create(frame) is { } method
            ? string.Create(CultureInfo.InvariantCulture, $"   at {method.DeclaringTypeName}.{method.Name} (IL offset 0x{frame.GetILOffset():x})")
            : "   at <unknown method>";
}

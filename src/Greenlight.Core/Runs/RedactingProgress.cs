using Greenlight.Secrets;

namespace Greenlight.Runs;

/// <summary>Progress leaves the process here: every line passes the redactor, whatever stage wrote it.</summary>
internal sealed class RedactingProgress(IRunProgress inner, SecretRedactor redactor) : IRunProgress
{
    public void Step(string stage, string subject, string text, bool? ok) =>
        inner.Step(stage, redactor.Redact(subject), redactor.Redact(text), ok);
}

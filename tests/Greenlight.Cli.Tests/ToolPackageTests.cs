using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Greenlight.Cli.Tests;

/// <summary>
/// The README's install path: <c>dotnet pack</c> makes the Greenlight tool package, <c>dotnet tool install</c>
/// installs it from that folder, and the installed <c>greenlight</c> answers <c>--version</c> and <c>plan</c>.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("greenlight-tool-").FullName;

    [Fact]
    public async Task Pack_InstallFromTheFolder_InstalledToolAnswersVersionAndPlan()
    {
        var root = CliProcess.RepositoryRoot();
        var artifacts = Path.Combine(_work, "artifacts");
        var pack = await DotnetAsync(root, "pack", "src/Greenlight.Cli", "-c", "Release", "--no-restore", "-o", artifacts, "-nologo", "-clp:ErrorsOnly");
        Assert.True(pack.ExitCode == 0, pack.Output);
        // One pointer package and one package per platform, precompiled for the platform, plus the portable "any".
        var package = Assert.Single(Directory.GetFiles(artifacts, "Greenlight.*.nupkg"), f => Regex.IsMatch(Path.GetFileName(f), @"^Greenlight\.\d+\.\d+\.\d+\.nupkg$"));
        var version = Path.GetFileName(package)["Greenlight.".Length..^".nupkg".Length];
        var platforms = new[] { "linux-x64", "linux-arm64", "osx-arm64", "win-x64", "any" };
        Assert.Equal(
            platforms.Select(p => $"Greenlight.{p}.{version}.nupkg").Append(Path.GetFileName(package)).Order(StringComparer.Ordinal),
            Directory.GetFiles(artifacts, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(platforms, ReadToolSettings(package).Descendants("RuntimeIdentifierPackage").Select(e => e.Attribute("RuntimeIdentifier")?.Value));

        var metadata = ReadNuspec(package);
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("Greenlight", Field("id"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", Field("version"));
        Assert.Contains("refuses to call a run green", Field("description"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Field("authors")));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")?.Value ?? "");
        Assert.Contains(metadata.Descendants(), e => e.Name.LocalName == "packageType" && e.Attribute("name")?.Value == "DotnetTool");

        // Only the folder as a source, so the install cannot pick another package of that name from a feed.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="artifacts" value="{artifacts}" /></packageSources></configuration>
            """, TestContext.Current.CancellationToken);
        var tools = Path.Combine(_work, "tools");
        var install = await DotnetAsync(_work, "tool", "install", "--tool-path", tools, "--configfile", config, "Greenlight");
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.Contains($"version '{Field("version")}'", install.Output, StringComparison.Ordinal);

        // The install took this platform's package, and its code is precompiled (ReadyToRun), not only IL.
        var platform = platforms.Contains(RuntimeInformation.RuntimeIdentifier) ? RuntimeInformation.RuntimeIdentifier : "any";
        var core = Assert.Single(Directory.GetFiles(Path.Combine(tools, ".store"), "Greenlight.Core.dll", SearchOption.AllDirectories));
        Assert.Contains($"greenlight.{platform}", core, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(platform != "any", IsReadyToRun(core));

        var greenlight = Path.Combine(tools, "greenlight");
        var answer = await RunAsync(greenlight, _work, "--version");
        Assert.True(answer.ExitCode == 0, answer.Output);
        Assert.StartsWith(Field("version") + "+", answer.Output.Trim(), StringComparison.Ordinal);

        var project = CliProcess.CopyProject("command-project");
        try
        {
            var plan = await RunAsync(greenlight, project, "plan");
            Assert.True(plan.ExitCode == 0, plan.Output);
            Assert.Contains("shell-checks", plan.Output, StringComparison.Ordinal);
            Assert.Contains("never-reached", plan.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    private static XDocument ReadToolSettings(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        using var stream = zip.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open();
        return XDocument.Load(stream);
    }

    /// <summary>A ReadyToRun assembly carries native code: its CLR header points at a managed native header.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static XElement ReadNuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static Task<(int ExitCode, string Output)> DotnetAsync(string directory, params string[] args) => RunAsync("dotnet", directory, args);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 15 minutes");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}

using Greenlight.Secrets;
using Octokit;

namespace Greenlight.Tracking;

/// <summary>
/// Opens or updates one GitHub issue per run that is not green, labelled <c>greenlight</c> and found
/// again by a hidden run marker in its body; a GREEN run closes every open one with a comment.
/// Endpoints used: list issues of a repository by label, create issue, update issue, create comment.
/// </summary>
public sealed class GitHubTracker(GitHubTrackingOptions options, TimeProvider time, SecretRedactor redactor, Func<string, string?>? environment = null) : ITracker
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    public string Name => "github";

    public async Task<TrackingResult> PublishAsync(TrackingReport report, CancellationToken cancellationToken)
    {
        var parts = options.Repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
        {
            return TrackingResult.Fail($"tracking.github.repo must be owner/name, not '{options.Repository}'");
        }

        var token = _environment(options.TokenEnvironmentVariable);
        if (string.IsNullOrEmpty(token))
        {
            return TrackingResult.Fail($"environment variable {options.TokenEnvironmentVariable} (tracking.github.token_env) is not set");
        }

        redactor.Add(token);
        var client = CreateClient(token);
        try
        {
            return await PublishAsync(client, parts[0], parts[1], report).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException e)
        {
            return TrackingResult.Fail(redactor.Redact($"GitHub answered {(int)e.StatusCode}: {e.Message}"));
        }
        catch (HttpRequestException e)
        {
            return TrackingResult.Fail(redactor.Redact($"GitHub could not be reached: {e.Message}"));
        }
    }

    private async Task<TrackingResult> PublishAsync(GitHubClient client, string owner, string name, TrackingReport report)
    {
        var request = new RepositoryIssueRequest { State = ItemStateFilter.Open };
        request.Labels.Add(TrackingMarkdown.Label);
        var open = await client.Issue.GetAllForRepository(owner, name, request).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (report.IsGreen)
        {
            var closed = new List<string>();
            foreach (var issue in open.Where(i => TrackingMarkdown.RunIdOf(i.Body) is not null))
            {
                await client.Issue.Comment.Create(owner, name, issue.Number, TrackingMarkdown.ClosingNote(report, now)).ConfigureAwait(false);
                await client.Issue.Update(owner, name, issue.Number, new IssueUpdate { State = ItemState.Closed, StateReason = ItemStateReason.Completed }).ConfigureAwait(false);
                closed.Add(issue.HtmlUrl);
            }

            return new TrackingResult(true, null, closed, null);
        }

        var title = TrackingMarkdown.Title(report);
        var body = TrackingMarkdown.Body(report, now);
        var existing = open.FirstOrDefault(i => TrackingMarkdown.RunIdOf(i.Body) == report.RunId);
        if (existing is not null)
        {
            var updated = await client.Issue.Update(owner, name, existing.Number, new IssueUpdate { Title = title, Body = body }).ConfigureAwait(false);
            return new TrackingResult(true, updated.HtmlUrl, [], null);
        }

        var created = new NewIssue(title) { Body = body };
        foreach (var label in options.Labels.Prepend(TrackingMarkdown.Label).Distinct(StringComparer.Ordinal))
        {
            created.Labels.Add(label);
        }

        var issueCreated = await client.Issue.Create(owner, name, created).ConfigureAwait(false);
        return new TrackingResult(true, issueCreated.HtmlUrl, [], null);
    }

    private GitHubClient CreateClient(string token)
    {
        var product = new ProductHeaderValue("greenlight");
        var client = options.ApiUrl is { } api ? new GitHubClient(product, api) : new GitHubClient(product);
        client.Credentials = new Credentials(token);
        return client;
    }
}

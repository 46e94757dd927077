namespace Wayfinder.Cli.Remote;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Web.Documents;

/// <summary>A problem-details answer of the server: status, title, detail and, for a refused push, every refused document.</summary>
internal sealed record RemoteProblem(int Status, string Title, string? Detail, IReadOnlyList<RefusedDocument> Refused)
{
    /// <summary>One line for the user: what the server said, and what to do for the statuses a person can fix.</summary>
    public string Describe(RemoteInfo remote) => Status switch
    {
        401 => $"{remote.Url} refused the request: no valid token (401); run `wayfinder login {remote.Name}`",
        403 => $"{remote.Url} refused the request (403): " + (Detail ?? $"the token may not do this in workspace \"{remote.Workspace}\""),
        _ => $"{remote.Url} answered {Status} {Title}" + (Detail is null ? "" : $": {Detail}"),
    };
}

/// <summary>The server's answer: the value, or the problem it reported.</summary>
internal sealed record RemoteResult<T>(T? Value, RemoteProblem? Problem)
    where T : class;

/// <summary>
/// The team server's API as the CLI uses it, for one workspace on one server: the files (pull), a push, and a check that a
/// token is accepted. The token goes in an <c>Authorization: Bearer</c> header and nowhere else.
/// </summary>
internal sealed class WayfinderClient(HttpClient http, RemoteInfo remote, string? token)
{
    private string WorkspacePath => $"api/v1/workspaces/{Uri.EscapeDataString(remote.Workspace)}/";

    /// <summary>Every stored document's text with its revision, and <c>wayfinder.yaml</c>'s.</summary>
    public Task<RemoteResult<WorkspaceFiles>> FilesAsync(CancellationToken cancellationToken) =>
        SendAsync<WorkspaceFiles>(new HttpRequestMessage(HttpMethod.Get, Address("files")), cancellationToken);

    /// <summary>Pushes changed files, all saved or none.</summary>
    public Task<RemoteResult<PushResult>> PushAsync(PushRequest push, CancellationToken cancellationToken) =>
        SendAsync<PushResult>(new HttpRequestMessage(HttpMethod.Post, Address("push")) { Content = JsonContent.Create(push, options: CliJson.Options) }, cancellationToken);

    /// <summary>Whether the server accepts the token for reading the workspace; null when it does, else its problem.</summary>
    public async Task<RemoteProblem?> CheckAsync(CancellationToken cancellationToken) =>
        (await SendAsync<JsonElementBox>(new HttpRequestMessage(HttpMethod.Get, Address("documents")), cancellationToken, readBody: false).ConfigureAwait(false)).Problem;

    private Uri Address(string path)
    {
        var server = remote.Url.ToString();
        return new Uri(new Uri(server.EndsWith('/') ? server : server + "/"), WorkspacePath + path);
    }

    private async Task<RemoteResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken, bool readBody = true)
        where T : class
    {
        using (request)
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return readBody
                    ? new RemoteResult<T>(await response.Content.ReadFromJsonAsync<T>(CliJson.Options, cancellationToken).ConfigureAwait(false), null)
                    : new RemoteResult<T>(null, null);
            }

            return new RemoteResult<T>(null, await ProblemOfAsync(response, cancellationToken).ConfigureAwait(false));
        }
    }

    private static async Task<RemoteProblem> ProblemOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var title = response.ReasonPhrase ?? ((HttpStatusCode)status).ToString();
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ProblemBody>(CliJson.Options, cancellationToken).ConfigureAwait(false);
            return new RemoteProblem(status, body?.Title ?? title, body?.Detail, body?.Refused ?? []);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            // Not problem details (a proxy's page, an empty body): the status says enough.
            return new RemoteProblem(status, title, null, []);
        }
    }

    private sealed record ProblemBody(string? Title, string? Detail, IReadOnlyList<RefusedDocument>? Refused);

    private sealed record JsonElementBox;
}

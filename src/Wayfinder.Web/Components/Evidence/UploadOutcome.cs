namespace Wayfinder.Web.Components.Evidence;

using System.Text.Json;
using System.Text.Json.Nodes;
using Wayfinder.Web.Evidence;

/// <summary>What the upload endpoint answered, read for the page: the import's report, or the problem in plain words.</summary>
public sealed record UploadOutcome(UploadReport? Report, string? Title, string? Detail)
{
    /// <summary>Reads the answer of <c>POST .../evidence/{kind}</c>: 200 with the report, a problem (422 with the report in it), or no answer (status 0).</summary>
    public static UploadOutcome Parse(int status, string body, string? error = null)
    {
        if (status == 0)
        {
            return new UploadOutcome(null, "The upload did not reach the server", $"{error ?? "the connection was lost"}; nothing was imported. Check the connection and upload the file again.");
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            json = null;
        }

        if (status == 200 && json is JsonObject)
        {
            return new UploadOutcome(json.Deserialize<UploadReport>(EvidenceJson.Options), null, null);
        }

        var report = json?["report"] is JsonObject node ? node.Deserialize<UploadReport>(EvidenceJson.Options) : null;
        var title = (string?)json?["title"] ?? $"The server answered {status}";
        var detail = (string?)json?["detail"] ?? "the upload was refused; try again, and tell whoever runs the server if it keeps failing";
        return new UploadOutcome(report, title, detail);
    }
}

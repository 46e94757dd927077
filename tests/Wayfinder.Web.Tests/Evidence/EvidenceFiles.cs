namespace Wayfinder.Web.Tests.Evidence;

using System.Net.Http.Headers;

/// <summary>The evidence fixtures beside these tests, and uploads of them.</summary>
internal static class EvidenceFiles
{
    /// <summary>
    /// 10 events of 4 customers on the demo's first-flight touchpoints: c1 plans, books and prepares; c2 plans and books;
    /// c3 plans (two touchpoints); c4 plans after a page view no touchpoint claims.
    /// </summary>
    public const string Events = "first-flight-events.csv";

    /// <summary>4 rows; line 4 (the header is line 1) has a timestamp that is no time.</summary>
    public const string EventsWithBadLine4 = "first-flight-events-bad-line-4.csv";

    /// <summary>3 events of 2 customers in columns of their own (who;when;what), times as dd/MM/yyyy HH:mm.</summary>
    public const string OwnColumns = "own-columns-events.csv";

    /// <summary>3 answers: one CSAT on the bag drop, two NPS on the boarding gate.</summary>
    public const string Surveys = "post-flight-surveys.csv";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Evidence", name);

    public static ByteArrayContent Content(string name)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(PathOf(name)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    /// <summary>Uploads a fixture as the raw body, named as the file.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, string name, string query = "", string workspace = "demo") =>
        client.PostAsync($"/api/v1/workspaces/{workspace}/evidence/{kind}?name={name}{query}", Content(name));
}

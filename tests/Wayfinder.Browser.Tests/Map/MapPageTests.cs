namespace Wayfinder.Browser.Tests.Map;

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.App.Data;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;
using Xunit.Abstractions;

/// <summary>
/// The journey map page, its history and present mode as a team uses them, in a real browser on a real server: reading the
/// map with its data, commenting live, restoring, presenting, downloading, and a share link signed out.
/// </summary>
public sealed class MapPageTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private const string Payload = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_team_reads_the_map_switches_an_overlay_cuts_it_by_persona_and_opens_an_element()
    {
        await ImportEventsAsync("first-flight-events.csv");
        var journey = await ReadAsync("demo", "first-flight");
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await browser.GoToAsync("/w/demo/journeys/first-flight");
        var map = browser.Page.Locator(".map-viewport[data-ready=true] svg");
        await map.WaitForAsync();

        // The demo's events reach the first stage: its funnel bar is drawn, and the chip hides it.
        var funnel = browser.Page.Locator("[data-overlay=funnel]").First;
        Assert.True(await funnel.IsVisibleAsync());
        await browser.Page.Locator("[data-overlay-toggle=funnel]").ClickAsync();
        // The server redraws after the click: wait for the chip's state rather than reading it at once.
        await Assertions.Expect(browser.Page.Locator("[data-overlay-toggle=funnel]")).ToHaveAttributeAsync("aria-pressed", "false");
        await funnel.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden });
        await browser.Page.Locator("[data-overlay-toggle=funnel]").ClickAsync();

        // A persona cut redraws the map on that persona's customers: the first stage's funnel figures change.
        const string FirstFunnel = "() => document.querySelector('.map-viewport [data-overlay=funnel]')?.textContent ?? '(none)'";
        // The fixture's four customers all reach the first stage; none of them is in the first-time flyers' segment.
        await browser.Page.WaitForFunctionAsync($"() => ({FirstFunnel})() === '4 reached'");
        await browser.Page.GetByLabel("Persona").SelectOptionAsync("first-time-flyer");
        await browser.Page.WaitForFunctionAsync($"() => ({FirstFunnel})() === '0 reached'");

        var stage = journey.Stages[1];
        await browser.Page.Locator($".map-viewport [data-element-id=\"{stage.Id}\"]").First.ClickAsync();
        var panel = browser.Page.Locator(".element-panel");
        await panel.WaitForAsync();
        Assert.Equal(stage.Name, await panel.Locator("h2").TextContentAsync());
        Assert.Equal("Stage", await panel.Locator(".element-panel-head .meta").TextContentAsync());
        await browser.Page.Locator($".map-viewport .is-selected[data-element-id=\"{stage.Id}\"]").WaitForAsync();

        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("map-page");
    }

    [Fact]
    public async Task An_element_named_in_the_address_is_selected_and_markup_in_a_stage_a_cell_and_a_comment_shows_as_text()
    {
        var journey = await ReadAsync("demo", "airport-check-in");
        var hostile = journey with
        {
            Stages = [journey.Stages[0] with { Name = "Stage " + Payload }, .. journey.Stages.Skip(1)],
            Lanes = [journey.Lanes[0] with { Items = [.. journey.Lanes[0].Items, new LaneItem { Id = "hostile-cell", Stage = journey.Stages[0].Id, Text = "Cell " + Payload }] }, .. journey.Lanes.Skip(1)],
        };
        await SaveAsync("demo", hostile);
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Commenter);

        await browser.GoToAsync("/w/demo/journeys/airport-check-in?element=hostile-cell");

        var panel = browser.Page.Locator(".element-panel");
        await panel.WaitForAsync();
        Assert.Equal("Cell " + Payload, await panel.Locator("h2").TextContentAsync());
        // The stage's name is wrapped over lines of text in the SVG, never read as markup.
        var stage = browser.Page.Locator($".map-viewport [data-element-kind=stage][data-element-id=\"{journey.Stages[0].Id}\"]");
        Assert.Contains("onerror=alert(1)>", await stage.TextContentAsync(), StringComparison.Ordinal);
        await panel.Locator(".comment-new textarea").FillAsync("Comment " + Payload);
        await panel.Locator(".comment-new button", new LocatorLocatorOptions { HasTextString = "Comment" }).ClickAsync();
        var comment = panel.Locator(".comment-text");
        await comment.WaitForAsync();
        Assert.Equal("Comment " + Payload, (await comment.TextContentAsync())?.Trim());
        await stage.ClickAsync();
        await panel.Locator("h2", new LocatorLocatorOptions { HasTextString = "Stage " + Payload }).WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator("main img").CountAsync());
    }

    [Fact]
    public async Task A_comment_on_an_element_and_its_resolving_reach_a_second_browser_live()
    {
        // The seeded files carry no card ids; the first save gives every card one (as the editor's first save does).
        await SaveAsync("demo", await ReadAsync("demo", "first-flight"));
        var journey = await ReadAsync("demo", "first-flight");
        var element = journey.Lanes.First(l => l.Items.Count > 0).Items[0].Id!;
        await using var writer = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await using var reader = await app.SignedInPageAsync(WorkspaceRole.Commenter);
        await reader.GoToAsync($"/w/demo/journeys/first-flight?element={Uri.EscapeDataString(element)}");
        await reader.Page.Locator(".element-panel .comment-panel").WaitForAsync();
        await writer.GoToAsync($"/w/demo/journeys/first-flight?element={Uri.EscapeDataString(element)}");

        var text = $"Is this still true after the app update? {Guid.NewGuid():N}";
        await writer.Page.Locator(".element-panel .comment-new textarea").FillAsync(text);
        await writer.Page.Locator(".element-panel .comment-new button").ClickAsync();

        var seen = reader.Page.Locator(".element-panel .thread", new PageLocatorOptions { HasTextString = text });
        await seen.WaitForAsync();
        Assert.Equal(writer.UserName, await seen.Locator(".comment-meta strong").TextContentAsync());

        await writer.Page.Locator(".element-panel .thread", new PageLocatorOptions { HasTextString = text }).GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await seen.Locator(".badge-green").WaitForAsync();
        Assert.Equal($"resolved by {writer.UserName}", await seen.Locator(".badge-green").TextContentAsync());
    }

    [Fact]
    public async Task History_compares_two_revisions_and_restores_an_old_one()
    {
        var journey = await ReadAsync("demo", "first-flight-future");
        var before = journey.Stages[0].Name;
        var saved = await SaveAsync("demo", journey with { Stages = [journey.Stages[0] with { Name = "Renamed for the history test" }, .. journey.Stages.Skip(1)] });
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Editor);

        await browser.GoToAsync("/w/demo/journeys/first-flight-future/history");

        var changes = browser.Page.Locator(".change-list li");
        await changes.First.WaitForAsync();
        Assert.Equal($"changed Changed stage “Renamed for the history test”: name “{before}” → “Renamed for the history test”", (await changes.First.TextContentAsync())?.Trim());
        Assert.Equal(2, await browser.Page.Locator($".compare-svg .is-changed[data-element-id=\"{journey.Stages[0].Id}\"]").CountAsync());
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("map-history-compare");

        await browser.Page.Locator($"[data-restore=\"{saved - 1}\"]").ClickAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = $"Restore revision {saved - 1}" }).ClickAsync();
        var done = browser.Page.Locator(".notice-success");
        await done.WaitForAsync();
        Assert.Equal($"Restored revision {saved - 1} as revision {saved + 1}.", (await done.TextContentAsync())?.Trim());
        Assert.Equal(before, (await ReadAsync("demo", "first-flight-future")).Stages[0].Name);
    }

    [Fact]
    public async Task Present_mode_steps_through_the_stages_with_the_keyboard()
    {
        var journey = await ReadAsync("demo", "corporate-programme");
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Viewer);

        await browser.GoToAsync("/w/demo/journeys/corporate-programme/present");
        await browser.Page.Locator("[data-slide=title]").WaitForAsync();
        Assert.Equal(journey.Title, await browser.Page.Locator(".title-slide h1").TextContentAsync());

        await browser.Page.Keyboard.PressAsync("ArrowRight");
        await browser.Page.Locator($"[data-slide=\"{journey.Stages[0].Id}\"]").WaitForAsync();
        Assert.Equal(journey.Stages[0].Name, await browser.Page.Locator(".stage-slide h1").TextContentAsync());
        await browser.Page.Keyboard.PressAsync(" ");
        await browser.Page.Locator($"[data-slide=\"{journey.Stages[1].Id}\"]").WaitForAsync();
        await browser.Page.Keyboard.PressAsync("End");
        await browser.Page.Locator($"[data-slide=\"{journey.Stages[^1].Id}\"]").WaitForAsync();
        Assert.Equal($"{journey.Stages.Count} / {journey.Stages.Count}", await browser.Page.Locator(".present-position").TextContentAsync());
        await browser.AssertAccessibleAsync();
        await browser.ScreenshotAsync("map-present");
        await browser.Page.Keyboard.PressAsync("Home");
        await browser.Page.Locator("[data-slide=title]").WaitForAsync();
    }

    [Fact]
    public async Task The_map_downloads_as_png_and_pdf_files()
    {
        await using var browser = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await browser.GoToAsync("/w/demo/journeys/first-flight");

        var png = await DownloadAsync(browser, "png");
        var pdf = await DownloadAsync(browser, "pdf");

        Assert.Equal("first-flight.png", png.Name);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png.Bytes[..8]);
        Assert.Equal("first-flight.pdf", pdf.Name);
        Assert.Equal("%PDF-"u8.ToArray(), pdf.Bytes[..5]);
    }

    [Fact]
    public async Task A_share_link_opens_the_map_signed_out_read_only()
    {
        var token = "wfs_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
            db.Set<ShareLinkRow>().Add(new ShareLinkRow
            {
                WorkspaceId = "demo", Kind = "journey", DocumentId = "first-flight", CreatedAt = DateTimeOffset.UtcNow,
                Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
            });
            await db.SaveChangesAsync();
        }

        await using var browser = await app.NewPageAsync();
        await browser.GoToAsync($"/w/demo/journeys/first-flight?share={token}");

        await browser.Page.Locator(".map-viewport[data-ready=true] svg").WaitForAsync();
        Assert.Equal(0, await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).CountAsync());
        Assert.Equal(0, await browser.Page.GetByRole(AriaRole.Link, new() { Name = "History" }).CountAsync());
        Assert.Equal(0, await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Share" }).CountAsync());
        var stage = (await ReadAsync("demo", "first-flight")).Stages[0];
        await browser.Page.Locator($".map-viewport [data-element-id=\"{stage.Id}\"]").First.ClickAsync();
        await browser.Page.Locator(".element-panel").WaitForAsync();
        Assert.Equal(0, await browser.Page.Locator(".element-panel .comment-panel").CountAsync());
        Assert.EndsWith($"render.png?share={token}", await browser.Page.Locator("[data-format=png]").GetAttributeAsync("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_load_of_a_fifteen_stage_map_is_timed()
    {
        var (userName, password) = await app.UserAsync(WorkspaceRole.Editor, "big");
        var demo = await ReadAsync("demo", "first-flight");
        var stages = Enumerable.Range(1, 15).Select(i => new Stage { Id = $"s{i:00}", Name = $"Stage {i}: {demo.Stages[(i - 1) % demo.Stages.Count].Name}" }).ToList();
        var big = new Journey
        {
            Id = "fifteen",
            Title = "Fifteen stages",
            Stages = stages,
            Lanes = [.. demo.Lanes.Select(lane => lane with
            {
                Items = [.. stages.SelectMany((s, i) => lane.Items.Where(it => it.Stage == demo.Stages[i % demo.Stages.Count].Id)
                    .Select((it, k) => it with { Id = $"{lane.Id}-{s.Id}-{k}", Stage = s.Id, Step = null, Evidence = [] }))],
            })],
        };
        await SaveAsync("big", big);
        await using var browser = await app.NewPageAsync();
        await browser.SignInAsync(userName, password);

        await browser.Page.GotoAsync("/w/big/journeys/fifteen");
        await browser.Page.Locator(".map-viewport[data-ready=true] svg").WaitForAsync();
        var milliseconds = await browser.Page.EvaluateAsync<double>("() => performance.now() - performance.getEntriesByType('navigation')[0].startTime");

        output.WriteLine($"15-stage map ({big.Lanes.Sum(l => l.Items.Count)} cards): navigation start to the map visible and interactive in {milliseconds:0} ms");
        Assert.Contains("No evidence is imported in this workspace yet", await browser.Page.Locator(".notice").First.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(15, await browser.Page.Locator(".map-viewport [data-element-kind=stage]").CountAsync());
    }

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(BrowserPage browser, string format)
    {
        await browser.Page.Locator(".download-menu > summary").ClickAsync();
        var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.Locator($"[data-format={format}]").ClickAsync());
        await using var stream = await download.CreateReadStreamAsync();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        await browser.Page.Locator(".download-menu > summary").ClickAsync();
        return (download.SuggestedFilename, memory.ToArray());
    }

    private async Task<Journey> ReadAsync(string workspace, string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None))!;
        return (await repository.LoadAsync(CancellationToken.None)).Workspace.FindJourney(id)!;
    }

    /// <summary>Saves through the repository with the live event, as a save from the editor would; returns the new revision.</summary>
    private async Task<int> SaveAsync(string workspace, Journey journey)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None))!;
        var stored = await repository.ReadAsync(DocumentKind.Journey, journey.Id, CancellationToken.None);
        var saved = await repository.SaveAsync(journey, stored?.Revision, new SaveInfo("browser-test", "a test's change"), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Message);
        await scope.ServiceProvider.GetRequiredService<IWorkspaceEvents>().PublishAsync(new WorkspaceEvent(workspace, WorkspaceEventTypes.Saved, "browser-test", "journey", journey.Id, saved.Document!.Revision));
        return saved.Document.Revision;
    }

    /// <summary>Imports one of the evidence fixtures beside these tests into the demo workspace, as an upload does.</summary>
    private async Task ImportEventsAsync(string file)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None))!;
        var evidence = scope.ServiceProvider.GetRequiredService<EvidenceWorkspaces>();
        var stores = evidence.Open(repository, "demo")!;
        var path = Path.Combine(AppContext.BaseDirectory, "Files", "Map", file);
        var report = await scope.ServiceProvider.GetRequiredService<ImportService>().ImportAsync(stores, new DataFile(DataKind.Events, path, Preset: "plain"));
        Assert.True(report.Succeeded);
        evidence.Imported("demo");
    }
}

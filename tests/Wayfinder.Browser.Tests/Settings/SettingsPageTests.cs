namespace Wayfinder.Browser.Tests.Settings;

using Microsoft.Playwright;
using Wayfinder.Web.Access;
using static Microsoft.Playwright.Assertions;

/// <summary>
/// The workspace's settings in a real browser: an owner adds a competitor and the value gap editor offers to rate it; a
/// change that would break a journey is refused with the file; a viewer reads them only. (A class of its own: it changes
/// the demo's settings, which other classes' tests count on.)
/// </summary>
public sealed class SettingsPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task An_owner_adds_a_competitor_and_a_change_that_breaks_a_journey_is_refused()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Owner);
        await b.GoToAsync("/w/demo");
        await b.Page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await b.ExpectAtAsync("/w/demo/settings");

        var text = b.Page.GetByLabel("wayfinder.yaml");
        await Expect(text).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^# yaml-language-server"));
        var stored = await text.InputValueAsync();
        var save = b.Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" });
        await Expect(save).ToBeDisabledAsync();

        // Without the kiosk channel the future-state map's kiosk touchpoint would not read: refused, nothing saved.
        await text.FillAsync(stored.Replace("  - id: kiosk\n    name: Self-service kiosk\n    kind: physical\n    glyph: kiosk\n", "", StringComparison.Ordinal));
        await save.ClickAsync();
        await Expect(b.Page.Locator("[data-test=settings-problems] li")).ToHaveCountAsync(1);
        await Expect(b.Page.Locator("[data-test=settings-problems] li code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^journeys/first-flight-future\.yaml:\d+:\d+ lanes\[\d+\]\.items\[\d+\]\.channel$"));
        await b.AssertAccessibleAsync();
        await b.ScreenshotAsync("settings-refused");

        await b.Page.GetByRole(AriaRole.Button, new() { Name = "Undo my changes" }).ClickAsync();
        await text.FillAsync(stored.Replace("competitors:\n", "competitors:\n  - id: skyways\n    name: SkyWays\n    color: '#009E73'\n", StringComparison.Ordinal));
        await save.ClickAsync();
        await Expect(b.Page.Locator(".notice-success")).ToHaveTextAsync("Saved. Every page of the workspace uses the new settings from now on.");
        await Expect(b.Page.Locator("[data-test=settings-problems]")).ToHaveCountAsync(0);

        await b.GoToAsync("/w/demo/value-gaps/first-time-flyer-vs-competitors");
        await Expect(b.Page.GetByRole(AriaRole.Button, new() { Name = "+ Rate SkyWays" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_viewer_reads_the_settings_but_cannot_change_them()
    {
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Viewer);
        await b.GoToAsync("/w/demo/settings");

        await Expect(b.Page.GetByLabel("wayfinder.yaml")).ToHaveAttributeAsync("readonly", "");
        Assert.Equal(0, await b.Page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).CountAsync());
        await b.AssertAccessibleAsync();
    }
}

namespace Wayfinder.Browser.Tests.Collaboration;

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Workspaces;
using Xunit.Abstractions;

/// <summary>
/// Two people on the same journey editor, in two browsers: each sees the other, each save reaches the other page live,
/// edits of different cards are both kept, and the same card edited by both at once shows the conflict with both values.
/// </summary>
public sealed class EditingTogetherTests(WebAppFixture app, ITestOutputHelper output) : IClassFixture<WebAppFixture>
{
    private const string Map = "/w/demo/journeys/first-flight/edit";

    [Fact]
    public async Task Two_editors_see_each_other_and_each_others_edits_and_both_edits_are_kept()
    {
        await using var a = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await a.GoToAsync(Map);
        await b.GoToAsync(Map);
        var (first, second) = await TwoCardsAsync(a.Page);

        // Presence: each sees the other's avatar.
        await a.Page.Locator($"[data-presence-user='{b.UserName}']").WaitForAsync();
        await b.Page.Locator($"[data-presence-user='{a.UserName}']").WaitForAsync();

        // A edits one card; the edit is saved and appears on B's page.
        var clock = Stopwatch.StartNew();
        await EditCardAsync(a.Page, first, "Checks the baggage rules twice");
        await b.Page.Locator($"[data-element-id='{first}'] .card-text", new() { HasText = "Checks the baggage rules twice" }).WaitForAsync();
        output.WriteLine($"an edit reached the other browser in {clock.ElapsedMilliseconds} ms (from pressing Enter, autosave's 300 ms wait included)");

        // Both edit different cards at the same time: both edits are kept, on both pages and in the store.
        await Task.WhenAll(
            EditCardAsync(a.Page, first, "A: compares three airlines"),
            EditCardAsync(b.Page, second, "B: asks a friend who flew"));
        foreach (var page in new[] { a.Page, b.Page })
        {
            await page.Locator($"[data-element-id='{first}'] .card-text", new() { HasText = "A: compares three airlines" }).WaitForAsync();
            await page.Locator($"[data-element-id='{second}'] .card-text", new() { HasText = "B: asks a friend who flew" }).WaitForAsync();
            await page.Locator("[data-save-state='saved']").WaitForAsync();
        }

        var stored = await StoredAsync();
        Assert.Equal("A: compares three airlines", CardText(stored, first));
        Assert.Equal("B: asks a friend who flew", CardText(stored, second));
        await a.AssertAccessibleAsync();
        await a.ScreenshotAsync("collaboration-two-editors");
    }

    [Fact]
    public async Task The_same_card_edited_by_both_at_once_shows_a_conflict_with_both_values()
    {
        await using var a = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await using var b = await app.SignedInPageAsync(WorkspaceRole.Editor);
        await a.GoToAsync(Map);
        await b.GoToAsync(Map);
        var (card, _) = await TwoCardsAsync(a.Page);

        // Both type into the same card and keep it within autosave's wait, so neither had seen the other's save.
        await Task.WhenAll(OpenCardAsync(a.Page, card, "Mine, says A"), OpenCardAsync(b.Page, card, "Mine, says B"));
        await Task.WhenAll(a.Page.Keyboard.PressAsync("Enter"), b.Page.Keyboard.PressAsync("Enter"));

        var dialogA = a.Page.GetByRole(AriaRole.Dialog, new() { Name = "Conflicting edits" });
        var dialogB = b.Page.GetByRole(AriaRole.Dialog, new() { Name = "Conflicting edits" });
        // One of the two saves lands first; the other page is the one to show the conflict (in either browser).
        for (var i = 0; i < 150 && !await dialogA.IsVisibleAsync() && !await dialogB.IsVisibleAsync(); i++)
        {
            await a.Page.WaitForTimeoutAsync(100);
        }

        var (loser, dialog, mine, theirs) = await dialogA.IsVisibleAsync()
            ? (a, dialogA, "Mine, says A", "Mine, says B")
            : (b, dialogB, "Mine, says B", "Mine, says A");
        Assert.Equal(theirs, (await dialog.Locator("[data-side='theirs']").First.TextContentAsync())?.Trim());
        Assert.Equal(mine, (await dialog.Locator("[data-side='mine']").First.TextContentAsync())?.Trim());
        await loser.AssertAccessibleAsync();
        await loser.ScreenshotAsync("collaboration-conflict");

        // Keeping one's own version saves it: nothing was lost on the way.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep all mine" }).ClickAsync();
        await loser.Page.Locator("[data-save-state='saved']").WaitForAsync();
        await WaitStoredAsync(card, mine);
    }

    /// <summary>The ids of the first two cards of the map's first lane with cards, as the page draws them.</summary>
    private static async Task<(string First, string Second)> TwoCardsAsync(IPage page)
    {
        var cards = page.Locator(".card-item[data-element-id]");
        await cards.First.WaitForAsync();
        return ((await cards.Nth(0).GetAttributeAsync("data-element-id"))!, (await cards.Nth(1).GetAttributeAsync("data-element-id"))!);
    }

    private static async Task OpenCardAsync(IPage page, string card, string text)
    {
        await page.Locator($".card-item[data-element-id='{card}']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var box = page.Locator("textarea[aria-label='Card text']");
        await box.FillAsync(text);
    }

    private static async Task EditCardAsync(IPage page, string card, string text)
    {
        await OpenCardAsync(page, card, text);
        await page.Keyboard.PressAsync("Enter");
    }

    private async Task<Journey> StoredAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var repository = await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync("demo", CancellationToken.None);
        var stored = await repository!.ReadAsync(DocumentKind.Journey, "first-flight");
        return Wayfinder.Core.Serialization.DocumentYaml.Read<Journey>(stored!.Text)!;
    }

    private async Task WaitStoredAsync(string card, string text)
    {
        for (var i = 0; i < 50 && CardText(await StoredAsync(), card) != text; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(text, CardText(await StoredAsync(), card));
    }

    private static string? CardText(Journey journey, string card) =>
        journey.Lanes.SelectMany(l => l.Items).FirstOrDefault(i => i.Id == card)?.Text;
}

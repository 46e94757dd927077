namespace Wayfinder.Browser.Tests;

using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

/// <summary>One browser context and its page, with what the tests do on every page: wait for interactivity, check
/// accessibility, keep a screenshot.</summary>
public sealed class BrowserPage(WebAppFixture fixture, IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public IBrowserContext Context { get; } = context;

    public string? UserName { get; private set; }

    /// <summary>Dialogs opened and script errors thrown on the page; a test that ends with any fails.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Signs in through the account API; the cookie lands in this context.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        var response = await Context.APIRequest.PostAsync("/api/v1/account/sign-in", new APIRequestContextOptions
        {
            DataObject = new Dictionary<string, string> { ["user_name"] = userName, ["password"] = password },
        });
        Assert.True(response.Ok, $"signing in as {userName} answered {response.Status}: {await response.TextAsync()}");
        UserName = userName;
    }

    /// <summary>Opens an address of the app and waits until its page is interactive (the circuit is up).</summary>
    public async Task GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.True(response is { Ok: true }, $"{path} answered {response?.Status}");
        await WaitInteractiveAsync();
    }

    /// <summary>
    /// Waits until the page's address is <paramref name="path"/> of the app (query included), by asking for the address
    /// until it matches. Playwright's <c>WaitForURLAsync</c> is not used: it checks the address and then subscribes to
    /// navigations, and a navigation delivered in between is lost, so it can time out on a page that is already there
    /// (playwright-dotnet#3364; it failed CI once on a Blazor navigation).
    /// </summary>
    public Task ExpectAtAsync(string path, float timeoutMs = 30_000) =>
        Assertions.Expect(Page).ToHaveURLAsync(Fixture.Url + path, new PageAssertionsToHaveURLOptions { Timeout = timeoutMs });

    /// <summary>Waits until the page's circuit is up (the layout marks the document).</summary>
    public Task WaitInteractiveAsync() =>
        Page.WaitForSelectorAsync("html[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>Runs axe-core on the page and fails on any serious or critical violation, naming each with its elements.</summary>
    public async Task AssertAccessibleAsync()
    {
        AxeResult result = await Page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad.Select(v =>
            $"{v.Impact}: {v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>Keeps a full-page screenshot as a test artifact: TestResults/screenshots/NAME.png under the repository.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var folder = Path.Combine(WebAppFixture.RepositoryRoot, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, WebAppFixture.SafeName(name) + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        Assert.True(Problems.Count == 0, string.Join("\n", Problems));
    }

    internal WebAppFixture Fixture { get; } = fixture;
}

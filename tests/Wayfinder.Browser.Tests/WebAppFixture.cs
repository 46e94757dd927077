namespace Wayfinder.Browser.Tests;

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Wayfinder.Web.Access;
using Wayfinder.Web.Server;
using Wayfinder.Web.Storage;
using Wayfinder.Web.Workspaces;

/// <summary>
/// A real Wayfinder server (Kestrel on a free 127.0.0.1 port, a SQLite file and a data folder of its own, the demo
/// workspace seeded) and Debian's Chromium driven by Playwright, shared by the tests of one class. Each test opens its
/// own browser context (its own cookies) with <see cref="NewPageAsync"/>.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; the test script installs it (scripts/setup.sh). Playwright downloads no browser.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"wayfinder-browser-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private int _users;

    public string Url { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>The first-admin setup code the server printed (null once used).</summary>
    public string? SetupCode => Services.GetRequiredService<FirstAdminSetup>().PendingCode;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _app = WayfinderServer.BuildApp(
            [$"--Wayfinder:DataFolder={Path.Combine(_folder, "data")}"],
            new ServerOptions { Url = "http://127.0.0.1:0", ConnectionString = $"Data Source={Path.Combine(_folder, "wayfinder.db")}" });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its file for a moment; the temp folder is cleaned by the system.
        }
    }

    /// <summary>A person with a password and a role in a workspace (made if missing, empty), straight in the database.</summary>
    public async Task<(string UserName, string Password)> UserAsync(WorkspaceRole role, string workspace = "demo", string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WayfinderUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WayfinderDbContext>();
        var userName = name ?? $"{role.ToString().ToLowerInvariant()}-{Interlocked.Increment(ref _users)}";
        const string password = "correct horse battery staple";
        var user = new WayfinderUser { UserName = userName };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspace))
        {
            db.Workspaces.Add(new WorkspaceRow { Id = workspace, Name = workspace });
        }

        db.Set<MembershipRow>().Add(new MembershipRow { WorkspaceId = workspace, UserId = user.Id, Role = role });
        await db.SaveChangesAsync();
        return (userName, password);
    }

    /// <summary>
    /// A new browser context and page at a 1366×768 laptop screen. Any JavaScript dialog (an injected <c>alert</c>) and
    /// any page error are recorded in <see cref="BrowserPage.Problems"/>; <see cref="BrowserPage.DisposeAsync"/> fails the
    /// test when there are any.
    /// </summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var browserPage = new BrowserPage(this, context, page);
        page.Dialog += (_, dialog) =>
        {
            browserPage.Problems.Add($"a dialog opened ({dialog.Type}): {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) => browserPage.Problems.Add($"a script error: {error}");
        return browserPage;
    }

    /// <summary>A signed-in page: a new person with the role (or the given one), signed in through the account API.</summary>
    public async Task<BrowserPage> SignedInPageAsync(WorkspaceRole role, string workspace = "demo", int width = 1366, int height = 768)
    {
        var (userName, password) = await UserAsync(role, workspace);
        var page = await NewPageAsync(width, height);
        await page.SignInAsync(userName, password);
        return page;
    }

    /// <summary>Saves a document straight into the demo workspace's store (no event: pages hear nothing of it).</summary>
    public async Task SaveDocumentAsync(Wayfinder.Core.Documents.IDocument document, int? expectedRevision = null, string workspace = "demo")
    {
        await using var scope = Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None))!;
        var saved = await repository.SaveAsync(document, expectedRevision);
        Xunit.Assert.True(saved.Succeeded, saved.Message);
    }

    /// <summary>Reads something of the stored workspace (a document, say).</summary>
    public async Task<T?> ReadWorkspaceAsync<T>(Func<Wayfinder.Core.Workspaces.Workspace, T?> read, string workspace = "demo")
    {
        await using var scope = Services.CreateAsyncScope();
        var repository = (await scope.ServiceProvider.GetRequiredService<WorkspaceRepositories>().OpenAsync(workspace, CancellationToken.None))!;
        return read((await repository.LoadAsync()).Workspace);
    }

    /// <summary>The repository root (where Wayfinder.slnx is), for test artifacts.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Wayfinder.slnx")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? AppContext.BaseDirectory;
        }
    }

    internal static string SafeName(string name) => Regex.Replace(name, "[^A-Za-z0-9_.-]+", "-");
}

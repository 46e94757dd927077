namespace Wayfinder.App.Tests.Workspaces;

using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Validation;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.ClickHouse;
using Wayfinder.Evidence.Store;

/// <summary>
/// Which event store a workspace uses: wayfinder.yaml's store section, an address given at run time winning over it,
/// the table prefix, credentials from the environment or a secrets file, and the validator's diagnostics. No server is
/// needed: nothing here connects (opening a ClickHouse store connects on its first query).
/// </summary>
public sealed class EvidenceStoresTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wayfinder-stores-").FullName;

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static WorkspaceConfig Config(string? events, string? table = null, string name = "Skylark Airways") =>
        new() { Name = name, Store = events is null && table is null ? null : new WorkspaceStore { Events = events ?? WorkspaceStore.Embedded, Table = table } };

    [Fact]
    public void WithoutAStoreSectionOrWithEmbeddedEventsStayInTheEmbeddedStore()
    {
        Assert.Null(EvidenceStores.Resolve(Config(null), null, NoEnvironment));
        Assert.Null(EvidenceStores.Resolve(Config("embedded"), null, NoEnvironment));
        Assert.Null(EvidenceStores.Resolve(Config("  Embedded "), "", NoEnvironment));
    }

    [Fact]
    public void TheFileAddressIsUsedWithTheWorkspaceNameAsTablePrefix()
    {
        var settings = EvidenceStores.Resolve(Config("clickhouse://127.0.0.1:9000,127.0.0.2:9000/analytics?cluster=main"), null, NoEnvironment)!;

        Assert.Equal("clickhouse://127.0.0.1:9000,127.0.0.2:9000/analytics?cluster=main&table=skylark_airways", settings.ToString());
        Assert.Equal(["http://127.0.0.1:9000/", "http://127.0.0.2:9000/"], settings.Hosts.Select(h => h.ToString()));
    }

    [Fact]
    public void StoreTableNamesThePrefixAndTheAddressTableWinsOverIt()
    {
        Assert.Equal("acme", EvidenceStores.Resolve(Config("clickhouse://h:8123/db", "acme"), null, NoEnvironment)!.Table);
        Assert.Equal("from_address", EvidenceStores.Resolve(Config("clickhouse://h:8123/db?table=from_address", "acme"), null, NoEnvironment)!.Table);
    }

    [Fact]
    public void TheOptionWinsOverTheFile()
    {
        var file = Config("clickhouse://file-host:8123/db", "acme");

        var option = EvidenceStores.Resolve(file, "clickhouse://option-host:8124/other", NoEnvironment)!;
        Assert.Equal("clickhouse://option-host:8124/other?table=acme", option.ToString());

        Assert.Null(EvidenceStores.Resolve(file, "embedded", NoEnvironment));
        Assert.Equal("clickhouse://o:1/x?table=skylark_airways", EvidenceStores.Resolve(Config(null), "clickhouse://o:1/x", NoEnvironment)!.ToString());
    }

    [Fact]
    public void AnAddressTheParserRefusesSaysWhereItCameFrom()
    {
        var file = Assert.Throws<ClickHouseException>(() => EvidenceStores.Resolve(Config("clickhouse://h:8123/my-db"), null, NoEnvironment));
        Assert.Equal("wayfinder.yaml store.events: 'my-db' cannot be a ClickHouse database name: use letters, digits and underscores.", file.Message);

        var option = Assert.Throws<ClickHouseException>(() => EvidenceStores.Resolve(Config(null), "clickhouse://h:99999/db", NoEnvironment));
        Assert.Equal("--events: 'h:99999' in the ClickHouse address has no valid port: write host:port with the HTTP port (8123 by default).", option.Message);
    }

    [Fact]
    public void CredentialsInTheAddressAreRefusedWithoutRepeatingThem()
    {
        var error = Assert.Throws<ClickHouseException>(() => EvidenceStores.Resolve(Config(null), "clickhouse://admin:hunter2@h:8123/db", NoEnvironment));

        Assert.Equal(
            "--events: the ClickHouse address has a user or password in it; give them in WAYFINDER_CLICKHOUSE_USER and WAYFINDER_CLICKHOUSE_PASSWORD (or a secrets file named by WAYFINDER_CLICKHOUSE_SECRETS) instead, so they are never written down with the workspace.",
            error.Message);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsComeFromTheEnvironmentThenTheSecretsFileAndAreNeverShown()
    {
        var secrets = Path.Combine(_folder, "clickhouse.secrets");
        File.WriteAllText(secrets, "# ClickHouse\nuser = analyst\npassword = s3cret-from-file\n");
        var environment = new Dictionary<string, string?>
        {
            [ClickHouseSettings.PasswordVariable] = "s3cret-from-env",
            [ClickHouseSettings.SecretsFileVariable] = secrets,
        };

        var settings = EvidenceStores.Resolve(Config("clickhouse://h:8123/db"), null, name => environment.GetValueOrDefault(name))!;

        // The variable wins over the file for the password; the user comes from the file.
        Assert.Equal(("analyst", "s3cret-from-env"), (settings.User, settings.Password));
        Assert.Equal("clickhouse://h:8123/db?table=skylark_airways", settings.ToString());
    }

    [Theory]
    [InlineData("Skylark Airways", "skylark_airways")]
    [InlineData("  ACME -- Retail (EU) ", "acme_retail_eu")]
    [InlineData("2026 plan", "w_2026_plan")]
    [InlineData("Café Crème", "caf_cr_me")]
    [InlineData("—", "wayfinder")]
    public void AWorkspaceNameBecomesAClickHouseTablePrefix(string name, string prefix)
    {
        Assert.Equal(prefix, EvidenceStores.TablePrefix(name));
        Assert.True(Sql.IsIdentifier(prefix));
    }

    [Fact]
    public void ServerWorkspaceIdsGiveDistinctPrefixes()
    {
        Assert.Equal("wayfinder_acme_hcorp", EvidenceStores.TablePrefixOfId("wayfinder", "acme-corp"));
        Assert.Equal("wayfinder_acme__corp", EvidenceStores.TablePrefixOfId("wayfinder", "acme_corp"));
        Assert.Equal("w_demo", EvidenceStores.TablePrefixOfId("w", "demo"));
    }

    [Fact]
    public void TheOpenerBuildsTheStoreTheConfigOrTheOptionNames()
    {
        File.WriteAllText(Path.Combine(_folder, "wayfinder.yaml"), "name: Skylark Airways\nstore:\n  events: clickhouse://127.0.0.1:8123/analytics\n");
        using var services = new ServiceCollection().AddWayfinder(o => o.MaxDegreeOfParallelism = 1).BuildServiceProvider();
        var opener = services.GetRequiredService<WorkspaceOpener>();

        var clickHouse = Assert.IsType<ClickHouseEventStore>(opener.Folder(_folder).Events);
        Assert.Equal("clickhouse://127.0.0.1:8123/analytics?table=skylark_airways", clickHouse.Settings.ToString());
        Assert.Same(clickHouse, opener.Folder(_folder).Events);

        Assert.IsType<EventStore>(opener.Folder(_folder, "embedded").Events);
        var other = Assert.IsType<ClickHouseEventStore>(opener.Folder(_folder, "clickhouse://127.0.0.1:8124/other?table=t1").Events);
        Assert.Equal("clickhouse://127.0.0.1:8124/other?table=t1", other.Settings.ToString());
    }

    [Fact]
    public void TheValidatorReportsStoreProblemsWhereTheyAreWritten()
    {
        const string Text = """
            name: Skylark Airways
            store:
              events: clickhouse://127.0.0.1:8123/my-db?cluster=main
              table: 2026-plan
            """;

        var diagnostics = Validate(Text);

        Assert.Equal(
            [
                "wayfinder.yaml:3:11 store.events: 'my-db' cannot be a ClickHouse database name: use letters, digits and underscores",
                "wayfinder.yaml:4:10 store.table: \"2026-plan\" cannot be a ClickHouse table prefix; use letters, digits and underscores, starting with a letter or underscore, e.g. w_2026_plan",
            ],
            diagnostics);
    }

    [Fact]
    public void TheValidatorRefusesCredentialsAndOtherStoresInTheFile()
    {
        Assert.Equal(
            ["wayfinder.yaml:3:11 store.events: the ClickHouse address has a password in it; give it in WAYFINDER_CLICKHOUSE_PASSWORD or a secrets file named by WAYFINDER_CLICKHOUSE_SECRETS instead"],
            Validate("name: x\nstore:\n  events: clickhouse://h:8123/db?password=hunter2\n"));
        Assert.Equal(
            ["wayfinder.yaml:2:18 store.events: this is not an event store; write embedded (the default) or a ClickHouse address, clickhouse://host:port/database (optionally ?cluster=NAME)"],
            Validate("name: x\nstore: { events: 'postgres://h/db' }\n"));
        Assert.Empty(Validate("name: x\nstore:\n  events: embedded\n"));
        Assert.Empty(Validate("name: x\nstore:\n  events: clickhouse://ch1:8123,ch2:8123/analytics?cluster=main\n  table: acme\n"));
    }

    [Fact]
    public void AnUnknownFieldInTheStoreSectionIsReported()
    {
        var diagnostics = Validate("name: x\nstore:\n  event: clickhouse://h:8123/db\n");

        Assert.Single(diagnostics);
        Assert.StartsWith("wayfinder.yaml:3:3 store.event: ", diagnostics[0], StringComparison.Ordinal);
    }

    private static List<string> Validate(string configText)
    {
        var (workspace, read) = WorkspaceLoader.Read("x", "x", configText, []);
        return [.. new ValidationService().Validate(workspace, read).Diagnostics.Select(d => d.ToString())];
    }
}

namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Access;
using Wayfinder.Web.Server;

/// <summary>
/// <c>wayfinder serve</c>: the team server on 127.0.0.1, its SQLite database in the workspace's data folder
/// (<c>.wayfinder/server/wayfinder.db</c>) or in <c>--data DIR</c>; the demo workspace is seeded on the first run.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 5000;

    /// <summary>The data folder of a workspace's server, relative to the workspace root.</summary>
    public static readonly string DataFolder = Path.Combine(".wayfinder", "server");

    public const string DatabaseFile = "wayfinder.db";

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port", "-p") { Description = $"The port to listen on, on 127.0.0.1 (default: {DefaultPort})", HelpName = "PORT", DefaultValueFactory = _ => DefaultPort };
        var data = new Option<string?>("--data") { Description = $"The server's data folder (default: {DataFolder.Replace('\\', '/')}/ in the workspace)", HelpName = "DIR" };
        var events = CommonOptions.Events("Keep every workspace's events in ClickHouse: clickhouse://host:port/database?cluster=NAME, tables prefixed by the workspace id (default: embedded stores in the data folder)");
        var command = new Command("serve", "Start the team server on 127.0.0.1: the documents API over a SQLite database, the demo workspace seeded on the first run")
        {
            port, data, events,
        };
        context.Examples[command] =
        [
            "wayfinder serve                     # http://127.0.0.1:5000, data in .wayfinder/server/",
            "wayfinder serve --port 8080 --data /srv/wayfinder",
            "wayfinder serve --events clickhouse://ch1:8123,ch2:8123/analytics?cluster=main",
        ];
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, parse.GetValue(port), parse.GetValue(data), parse.GetValue(events), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, int port, string? data, string? events, CancellationToken cancellationToken)
    {
        if (port is < 1 or > 65535)
        {
            context.Error($"--port must be between 1 and 65535, not {port}");
            return ExitCodes.Usage;
        }

        string folder;
        if (data is not null)
        {
            folder = context.Resolve(data);
        }
        else if (context.TryFindWorkspace(parse, out var root))
        {
            folder = Path.Combine(root, DataFolder);
        }
        else
        {
            return ExitCodes.Failed;
        }

        if (!EvidenceStores.IsEmbedded(events))
        {
            // Fails here, with the address and what to do, rather than on the first request that needs events.
            await EvidenceStores.ConnectAsync(EvidenceStores.Parse(events!, EvidenceStores.Option), cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, DatabaseFile);
        var url = $"http://127.0.0.1:{port}";
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database }.ToString();
        // The host's own lines (listening on, content root) would repeat what is printed below.
        string[] args = EvidenceStores.IsEmbedded(events)
            ? ["--Logging:LogLevel:Default=Warning"]
            : ["--Logging:LogLevel:Default=Warning", $"--{EvidenceOptions.Section}:{nameof(EvidenceOptions.Events)}={events!.Trim()}"];
        await using var app = WayfinderServer.BuildApp(args, new ServerOptions { Url = url, ConnectionString = connectionString });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        context.Out.WriteLine(url);
        context.Info($"Wayfinder server on {url} (database {context.Display(database)}); the demo workspace: {url}/api/v1/workspaces/demo/documents");
        if (app.Services.GetRequiredService<FirstAdminSetup>().Line(url) is { } setup)
        {
            context.Info(setup);
        }

        context.Info("press Ctrl+C to stop");
        await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}

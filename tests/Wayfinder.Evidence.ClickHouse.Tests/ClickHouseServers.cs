namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// Two real ClickHouse servers on 127.0.0.1 (the Debian package's <c>clickhouse-server</c>, installed by
/// <c>scripts/test.sh</c>), each with its own ports and data folder, configured as the two shards of cluster
/// <see cref="ClusterName"/>; started once for the test run and stopped at its end. Without the binary the tests fail,
/// saying so: they never pass without having run.
/// </summary>
public sealed class ClickHouseServers : IDisposable
{
    public const string ClusterName = "wayfinder_test";
    public const string Binary = "/usr/sbin/clickhouse-server";

    private readonly string _root = Directory.CreateTempSubdirectory("wayfinder-ch-").FullName;
    private readonly Server[] _servers;

    public ClickHouseServers()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing, so the ClickHouse tests cannot run. Run the tests with ./scripts/test.sh (it installs Debian's clickhouse-server), or apt-get install clickhouse-server.");
        }

        _servers = [new Server(Path.Combine(_root, "s1"), FreePort(), FreePort()), new Server(Path.Combine(_root, "s2"), FreePort(), FreePort())];
        foreach (var server in _servers)
        {
            server.WriteConfig(_servers);
            server.Start();
        }
    }

    /// <summary>Server 1 alone.</summary>
    public ClickHouseSettings Single => ClickHouseSettings.Parse($"clickhouse://127.0.0.1:{_servers[0].HttpPort}/wayfinder_tests", _ => null);

    /// <summary>Both servers as the two shards of <see cref="ClusterName"/>, queried through server 1.</summary>
    public ClickHouseSettings Cluster => ClickHouseSettings.Parse(
        $"clickhouse://127.0.0.1:{_servers[0].HttpPort},127.0.0.1:{_servers[1].HttpPort}/wayfinder_tests?cluster={ClusterName}", _ => null);

    /// <summary>The HTTP port of server <paramref name="index"/> (0 or 1).</summary>
    public int HttpPort(int index) => _servers[index].HttpPort;

    /// <summary>A table prefix no other test uses.</summary>
    public static string NewPrefix() => "t_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Stops server <paramref name="index"/> at once (a shard failing).</summary>
    public void Stop(int index) => _servers[index].Stop();

    /// <summary>Starts server <paramref name="index"/> again on the same ports and data.</summary>
    public void Start(int index) => _servers[index].Start();

    public void Dispose()
    {
        foreach (var server in _servers)
        {
            server.Stop();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Server(string folder, int httpPort, int tcpPort)
    {
        private Process? _process;

        public int HttpPort { get; } = httpPort;

        public int TcpPort { get; } = tcpPort;

        public void WriteConfig(IReadOnlyList<Server> shards)
        {
            Directory.CreateDirectory(folder);
            var remote = string.Concat(shards.Select(s =>
                $"<shard><replica><host>127.0.0.1</host><port>{s.TcpPort.ToString(CultureInfo.InvariantCulture)}</port></replica></shard>"));
            File.WriteAllText(Path.Combine(folder, "config.xml"), $"""
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>{folder}/server.log</log><errorlog>{folder}/error.log</errorlog></logger>
                  <http_port>{HttpPort}</http_port>
                  <tcp_port>{TcpPort}</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>{folder}/data/</path>
                  <tmp_path>{folder}/tmp/</tmp_path>
                  <user_files_path>{folder}/user_files/</user_files_path>
                  <format_schema_path>{folder}/format_schemas/</format_schema_path>
                  <users_config>{folder}/users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <mark_cache_size>67108864</mark_cache_size>
                  <max_concurrent_queries>100</max_concurrent_queries>
                  <remote_servers><{ClusterName}>{remote}</{ClusterName}></remote_servers>
                </yandex>
                """);
            File.WriteAllText(Path.Combine(folder, "users.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default><max_memory_usage>4000000000</max_memory_usage><connect_timeout_with_failover_ms>200</connect_timeout_with_failover_ms></default></profiles>
                  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
                  <quotas><default></default></quotas>
                </yandex>
                """);
        }

        public void Start()
        {
            var start = new ProcessStartInfo(Binary, ["--config-file=" + Path.Combine(folder, "config.xml")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            _process = Process.Start(start) ?? throw new InvalidOperationException("clickhouse-server did not start");
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                try
                {
                    if (http.GetStringAsync(new Uri($"http://127.0.0.1:{HttpPort}/ping")).GetAwaiter().GetResult().StartsWith("Ok", StringComparison.Ordinal))
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                if (_process.HasExited)
                {
                    break;
                }

                Thread.Sleep(50);
            }

            var log = Path.Combine(folder, "error.log");
            throw new InvalidOperationException($"clickhouse-server on port {HttpPort} did not answer /ping within 30 s: {(File.Exists(log) ? File.ReadAllText(log) : "no error log")}");
        }

        public void Stop()
        {
            if (_process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }

            _process?.Dispose();
            _process = null;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClickHouseCollection : ICollectionFixture<ClickHouseServers>
{
    public const string Name = "ClickHouse";
}

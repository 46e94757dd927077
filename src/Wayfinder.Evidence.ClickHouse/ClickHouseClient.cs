namespace Wayfinder.Evidence.ClickHouse;

using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// A small client of ClickHouse's HTTP interface that works with 18.16 and current releases: SQL goes in the request
/// body, settings in the address, results come back as JSON rows (64-bit integers as numbers), bulk rows go in as
/// JSON rows in the body. Reads that fail because the server cannot be reached are tried again for a few seconds (a
/// server restarting between two analyses); nothing else is retried.
/// </summary>
public sealed class ClickHouseClient : IDisposable
{
    private static readonly TimeSpan[] ReadRetries = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>Server error codes that mean a shard or the server itself could not be reached.</summary>
    private static readonly HashSet<int> UnreachableCodes = [209, 210, 279, 285, 394];

    private readonly HttpClient _http;
    private readonly string _database;
    private readonly AuthenticationHeaderValue? _auth;

    /// <param name="host">The HTTP endpoint, e.g. <c>http://127.0.0.1:8123/</c>.</param>
    public ClickHouseClient(Uri host, ClickHouseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Host = host;
        _database = settings.Database;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = host,
            Timeout = settings.Timeout,
        };
        if (settings.User != "default" || settings.Password.Length > 0)
        {
            _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.User + ":" + settings.Password)));
        }
    }

    public Uri Host { get; }

    /// <summary>The server's version (e.g. 18.16.1) and its function names, known after <see cref="ConnectAsync"/>.</summary>
    public ServerInfo? Server { get; private set; }

    /// <summary>Checks the server answers and is new enough, and learns its version and functions.</summary>
    public async Task<ServerInfo> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT version() AS version", useDatabase: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var version = rows[0].GetProperty("version").GetString() ?? "";
        var functions = await QueryAsync("SELECT name FROM system.functions", useDatabase: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var info = new ServerInfo(version, functions.Select(f => f.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal));
        var missing = ServerInfo.Required.Where(f => !info.Functions.Contains(f)).ToList();
        if (missing.Count > 0)
        {
            throw new ClickHouseException($"the ClickHouse server at {Host.Authority} (version {version}) lacks {string.Join(", ", missing)}; Wayfinder needs ClickHouse 18.16 or later.");
        }

        Server = info;
        return info;
    }

    /// <summary>Runs a statement that returns nothing (DDL, INSERT … SELECT). Not retried.</summary>
    public async Task ExecuteAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, bool useDatabase = true, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => Request(sql, settings, useDatabase), retry: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a query and reads its rows (the client adds <c>FORMAT JSONEachRow</c>). Retried while the server cannot be reached.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string sql, IReadOnlyDictionary<string, string>? settings = null, bool useDatabase = true, CancellationToken cancellationToken = default)
    {
        var text = sql.TrimEnd().TrimEnd(';') + "\nFORMAT JSONEachRow";
        using var response = await SendAsync(() => Request(text, settings, useDatabase), retry: true, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<JsonElement>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length > 0)
            {
                using var document = JsonDocument.Parse(line);
                rows.Add(document.RootElement.Clone());
            }
        }

        return rows;
    }

    /// <summary>
    /// Inserts rows written by <paramref name="write"/> into the request body, as JSON objects one per line or in another
    /// format such as <c>RowBinary</c> (<c>INSERT INTO table FORMAT …</c>): values never become SQL text. Not retried.
    /// </summary>
    public Task InsertAsync(string table, Func<Stream, Task> write, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default) =>
        InsertAsync(table, "JSONEachRow", write, settings, cancellationToken);

    /// <summary>Inserts one JSON object per item, each written by <paramref name="write"/> (its properties only), streamed in 1 MB pieces.</summary>
    public Task InsertJsonAsync<T>(string table, IEnumerable<T> items, Action<Utf8JsonWriter, T> write, CancellationToken cancellationToken = default) =>
        InsertAsync(
            table,
            async stream =>
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 20);
                using var json = new Utf8JsonWriter(buffer);
                foreach (var item in items)
                {
                    json.WriteStartObject();
                    write(json, item);
                    json.WriteEndObject();
                    json.Flush();
                    json.Reset();
                    buffer.Write("\n"u8);
                    if (buffer.WrittenCount >= 1 << 20)
                    {
                        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                        buffer.ResetWrittenCount();
                    }
                }

                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken: cancellationToken);

    /// <inheritdoc cref="InsertAsync(string, Func{Stream, Task}, IReadOnlyDictionary{string, string}?, CancellationToken)"/>
    public async Task InsertAsync(string table, string format, Func<Stream, Task> write, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var query = $"INSERT INTO {Sql.Identifier(_database)}.{Sql.Identifier(table)} FORMAT {(format is "JSONEachRow" or "RowBinary" ? format : throw new ArgumentException("JSONEachRow or RowBinary", nameof(format)))}";
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, Address(query, settings, useDatabase: true)) { Content = new PushContent(write) };
                request.Headers.Authorization = _auth;
                return request;
            },
            retry: false,
            cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Request(string sql, IReadOnlyDictionary<string, string>? settings, bool useDatabase)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Address(null, settings, useDatabase)) { Content = new StringContent(sql, Encoding.UTF8, "text/plain") };
        request.Headers.Authorization = _auth;
        return request;
    }

    private string Address(string? query, IReadOnlyDictionary<string, string>? settings, bool useDatabase)
    {
        // A journey's metrics are one query whose aliases ClickHouse expands inline (the touchpoint mapping inside each
        // per-customer array): the default limits (500,000 expanded AST elements, 256 KiB of SQL) are too small for a
        // journey with many conditional touchpoints. Equal subexpressions are still computed once.
        var parts = new List<string> { "output_format_json_quote_64bit_integers=0", "max_expanded_ast_elements=50000000", "max_ast_elements=5000000", "max_query_size=16777216" };
        if (useDatabase)
        {
            parts.Add("database=" + Uri.EscapeDataString(_database));
        }

        if (query is not null)
        {
            parts.Add("query=" + Uri.EscapeDataString(query));
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            parts.Add(Uri.EscapeDataString(key) + "=" + Uri.EscapeDataString(value));
        }

        return "?" + string.Join("&", parts);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, bool retry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var message = request();
                var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                var error = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                response.Dispose();
                throw Refused(response.StatusCode, error);
            }
            catch (HttpRequestException ex) when (retry && attempt < ReadRetries.Length)
            {
                _ = ex;
                await Task.Delay(ReadRetries[attempt], cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new ClickHouseException(
                    $"could not reach ClickHouse at {Host.Authority} ({ex.HttpRequestError switch
                    {
                        HttpRequestError.ConnectionError => "connection refused or host unreachable",
                        HttpRequestError.NameResolutionError => "host name not found",
                        _ => ex.Message,
                    }}{(retry ? $", tried {ReadRetries.Length + 1} times" : "")}); check that the server runs and that the address gives its HTTP port (8123 by default).",
                    inner: ex)
                { Unreachable = true };
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ClickHouseException($"ClickHouse at {Host.Authority} did not answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; raise the address's timeout=SECONDS or check the server's load.", inner: ex) { Unreachable = true };
            }
        }
    }

    private ClickHouseException Refused(HttpStatusCode status, string body)
    {
        // "Code: 60, e.displayText() = DB::Exception: Table x doesn't exist., e.what() = DB::Exception" (18.16) or
        // "Code: 60. DB::Exception: Table x does not exist. (UNKNOWN_TABLE) (version 23.8)" (current).
        int? code = null;
        var text = body.Trim();
        if (text.StartsWith("Code: ", StringComparison.Ordinal))
        {
            var end = 6;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (int.TryParse(text.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var c))
            {
                code = c;
            }
        }

        var message = text;
        var db = message.IndexOf("DB::Exception: ", StringComparison.Ordinal);
        if (db >= 0)
        {
            message = message[(db + "DB::Exception: ".Length)..];
            var what = message.IndexOf(", e.what()", StringComparison.Ordinal);
            if (what >= 0)
            {
                message = message[..what];
            }
        }

        if (status == HttpStatusCode.Unauthorized || status == HttpStatusCode.Forbidden || code is 192 or 193 or 516)
        {
            return new ClickHouseException($"ClickHouse at {Host.Authority} refused the user or password ({message.Trim()}); set {ClickHouseSettings.UserVariable} and {ClickHouseSettings.PasswordVariable}.", code);
        }

        var unreachable = code is { } k && UnreachableCodes.Contains(k);
        var prefix = unreachable ? $"a ClickHouse shard behind {Host.Authority} could not be reached, so no numbers were computed" : $"ClickHouse at {Host.Authority} refused a query";
        return new ClickHouseException($"{prefix}: {message.Trim()}", code) { Unreachable = unreachable };
    }

    /// <summary>A request body written as it is sent.</summary>
    private sealed class PushContent(Func<Stream, Task> write) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => write(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>What a server is: its version and the functions it has (probed at connect).</summary>
public sealed record ServerInfo(string Version, IReadOnlySet<string> Functions)
{
    /// <summary>Functions every query of the store relies on; all exist since 18.16.</summary>
    public static IReadOnlyList<string> Required { get; } = ["groupArray", "arraySort", "arrayMap", "arrayFilter", "arrayFirstIndex", "arrayEnumerate", "arrayReduce", "arrayJoin", "argMax", "cityHash64"];

    /// <summary>Whether the server has <paramref name="function"/> (e.g. arrayMin, arrayFold on newer releases).</summary>
    public bool Has(string function) => Functions.Contains(function);
}

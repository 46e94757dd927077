namespace Wayfinder.Evidence.ClickHouse.Tests;

using System.Text;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Tests.Metrics;

/// <summary>
/// The filter translator against the engine itself: every filter of a table, evaluated by the real server on hand-made
/// customers and rows (missing values, number-like and boolean-like texts, unicode, hostile strings), must select exactly
/// what the embedded engine's <see cref="Segments"/> selects; event-name patterns must match as <see cref="Wildcard.IsMatch"/>.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class FilterSqlTests(ClickHouseServers servers)
{
    private const string Hostile = "'); DROP TABLE x; --";

    /// <summary>Customer attributes (an empty value is no value, as in the embedded store).</summary>
    private static readonly (string Id, (string Name, string Value)[] Attributes)[] Customers =
    [
        ("c00", []),
        ("c01", [("plan", "pro"), ("age", "34"), ("active", "true"), ("score", "12")]),
        ("c02", [("plan", "free"), ("age", "007"), ("active", "false"), ("score", "-.5")]),
        ("c03", [("plan", "Pro"), ("age", "1e3"), ("active", "True"), ("score", "1e400")]),
        ("c04", [("plan", Hostile), ("age", " 42 "), ("active", " true\0"), ("score", "12abc")]),
        ("c05", [("plan", "a\\b\"c'd"), ("age", "NaN"), ("active", "TRUE"), ("score", "0x10")]),
        ("c06", [("plan", "中文 😀"), ("age", "-Infinity"), ("active", "yes"), ("score", "infinity")]),
        ("c07", [("plan", "\uFFFD"), ("age", "\u00A012"), ("score", "  ")]),
        ("c08", [("plan", "\uE000x"), ("age", "+5"), ("score", "1,000")]),
        ("c09", [("plan", "😀"), ("age", "5."), ("score", "\u2002 7")]),
        ("c10", [("plan", "nul\0inside"), ("age", "5\0"), ("active", "\u00A0false\u3000")]),
        ("c11", [("plan", "z"), ("age", "-0"), ("score", "1E+2")]),
        ("c12", [("plan", "100"), ("age", "100"), ("active", "1")]),
        ("c13", [("plan", "free "), ("age", "30"), ("score", "-nan")]),
        ("c14", [("plan", "true"), ("age", "false"), ("x.y", "1")]),
        ("c15", [("plan", "tab\there\nline"), ("age", "2.5e-3"), ("active", "falſe")]),
        ("c16", [("num", "2.9540")]),
        ("c17", [("num", "9007199254740993")]),
        ("c18", [("num", "4.9e-324")]),
        ("c19", [("num", "44.0268e-202")]),
        ("c20", [("num", "-19.90")]),
        ("c21", [("num", "1.7976931348623158e308")]),
        ("c22", [("num", "1.797693134862315808e308")]),
        ("c23", [("num", "-0.0e5")]),
        ("c24", [("num", "2.47032822920623272e-324")]),
        ("c25", [("num", "000.000123400e+0000004")]),
    ];

    private static readonly string[] SegmentFilters =
    [
        "plan = \"pro\"", "plan != \"pro\"", "plan < \"pro\"", "plan >= \"free\"", "plan > \"free\"", "plan <= \"z\"",
        "plan < \"😀\"", "plan > \"😀\"", "plan < \"\uE000\"", "plan > \"\uFFFD\"", "plan >= \"中\"",
        "plan in (\"pro\", \"free\")", "plan not in (\"pro\", \"free\")", "not plan = \"pro\"", "not plan in (\"pro\")",
        "plan = \"" + Hostile + "\"", "plan = \"a\\\\b\\\"c'd\"", "plan = \"nul\0inside\"", "plan = \"中文 😀\"", "plan = \"tab\there\nline\"",
        "plan = 100", "plan = \"100\"", "plan = true", "plan != true", "plan = \"True\"",
        "age = 7", "age = \"7\"", "age = \"007\"", "age = \" 7 \"", "age > 30", "age >= 30 and age < 1000", "age <= 5", "age = 5", "age != 5",
        "age < 0", "age = 0", "age = -0", "age > 1e300", "age < -1e300", "age = true", "age != true", "age = \"abc\"", "age != \"abc\"",
        "age < \"abc\"", "age in (7, 34, \"1000\")", "age not in (7, 34)", "age = \"NaN\"", "age <= \"NaN\"", "age > \"NaN\"", "age < \"-Infinity\"",
        "age = 12", "age = 0.0025", "age > \"\u00A012\"",
        "active = true", "active = false", "active != true", "active != false", "active = \"true\"", "active = \"TRUE\"", "active = 1",
        "active != 1", "active > true", "active = \"yes\"",
        "score = 12", "score != 12", "score < 0", "score = -0.5", "score > 1e308", "score = \"Infinity\"", "score >= 7", "score = \"1,000\"",
        "score < \"a\"", "score = 100", "score = \"x\"", "score != \"x\"",
        "customer.age > 30", "attributes.plan = \"pro\"", "attr.plan = \"pro\"", "traits.x.y = 1", "x.y = 1", "customer.customer.age > 1",
        "missing = 1", "missing != 1", "not missing = 1", "missing not in (1)",
        "num = 2.954", "num = 9007199254740992", "num != 9007199254740992", "num > 0", "num = 0", "num < 0", "num <= 0", "num = 4.94e-324",
        "num = 44.0268e-202", "num = -19.9", "num <= -19.9", "num < -19.9", "num = 1.7976931348623157e308", "num > 1.7976931348623157e308",
        "num = \"Infinity\"", "num < -1e-320", "num >= 2.9539999999999997", "num > 2.9539999999999997", "num = 1.234", "num > -0.5e-323",
        "(plan = \"pro\" or age > 100) and not active = false", "plan = \"free\" or plan = \"pro\" and age > 100",
    ];

    [Fact]
    public async Task EverySegmentSelectsTheCustomersTheEngineSelects()
    {
        var log = CustomerLog();
        var rows = Customers.Select((c, i) => Row(i, c.Attributes, []));
        var sql = SegmentFilters.Select(FilterSql.Segment).ToList();

        var actual = await EvaluateAsync(sql, rows);

        for (var f = 0; f < SegmentFilters.Length; f++)
        {
            var selected = Segments.Customers(log, SegmentFilters[f]);
            var expected = Customers.Select(c => selected[IndexOf(log, c.Id)]).ToArray();
            Assert.True(expected.SequenceEqual(actual[f]), $"{SegmentFilters[f]}: the engine selects {Ids(expected)}, the SQL {Ids(actual[f])}");
        }
    }

    private static readonly (string Event, (string, string)[] Properties, (string, string)[] Attributes)[] Rows =
    [
        ("book", [("device", "ios"), ("amount", "12.5"), ("plan", "pro")], [("plan", "free"), ("age", "34")]),
        ("book", [("device", "web")], [("plan", "pro"), ("age", "19")]),
        ("book", [], [("device", "ios"), ("plan", "pro")]),
        ("book", [("amount", "007"), ("device", Hostile)], []),
        ("book", [("amount", "x")], [("properties.age", "50"), ("age", "50")]),
    ];

    private static readonly string[] RowFilters =
    [
        "device = \"ios\"", "properties.device = \"ios\"", "props.device != \"ios\"", "event.device = \"" + Hostile + "\"",
        "amount > 10", "props.amount = 7", "amount != 7", "plan = \"pro\"", "customer.plan = \"pro\"", "attributes.plan = \"free\"",
        "age > 30", "properties.age > 30", "props.age > 30", "missing = 1", "not device = \"ios\"", "device in (\"ios\", \"web\") and age < 40",
    ];

    [Fact]
    public async Task EveryRowConditionHoldsOnTheRowsWhereTheEngineHoldsIt()
    {
        var builder = new EventLogBuilder();
        for (var r = 0; r < Rows.Length; r++)
        {
            builder.Add($"r{r}", r, Rows[r].Event, null, Rows[r].Properties.Select(p => KeyValuePair.Create(p.Item1, p.Item2)), Rows[r].Attributes.Select(a => KeyValuePair.Create(a.Item1, a.Item2)));
        }

        var log = builder.Build();
        var condition = Segments.RowCondition(log);
        var keys = log.Properties.Keys.ToHashSet(StringComparer.Ordinal);
        var sql = RowFilters.Select(f => FilterSql.Row(f, keys)).ToList();

        var actual = await EvaluateAsync(sql, Rows.Select((row, i) => Row(i, row.Attributes, row.Properties)));

        var customerOfRow = log.CustomerOfRow();
        for (var f = 0; f < RowFilters.Length; f++)
        {
            var expected = new bool[Rows.Length];
            for (var row = 0; row < log.EventCount; row++)
            {
                expected[int.Parse(log.CustomerIds[customerOfRow[row]][1..], System.Globalization.CultureInfo.InvariantCulture)] = condition(RowFilters[f], row);
            }

            Assert.True(expected.SequenceEqual(actual[f]), $"{RowFilters[f]}: the engine holds it on rows {Ids(expected)}, the SQL on {Ids(actual[f])}");
        }
    }

    [Fact]
    public void ATranslationStaysSmall()
    {
        // Every value is written once (bound by a lambda), so even a long filter stays far below ClickHouse's 256 KiB.
        var sql = FilterSql.Segment(string.Join(" or ", Enumerable.Range(0, 40).Select(i => $"num{i} = {i}.5")));

        Assert.InRange(sql.Length, 1, 128 * 1024);
    }

    [Fact]
    public void AnInvalidFilterIsRefusedWithTheEnginesMessage()
    {
        var segment = Assert.Throws<ArgumentException>(() => FilterSql.Segment("plan = "));
        var row = Assert.Throws<ArgumentException>(() => FilterSql.Row("device == \"ios\""));

        Assert.Equal("'plan = ' is not a valid filter: column 8: expected a value after '=' at column 8, found the end of the filter", segment.Message);
        Assert.StartsWith("'device == \"ios\"' is not a valid filter: column 8: '==' at column 8 is not an operator", row.Message, StringComparison.Ordinal);
    }

    private static readonly string[] Patterns =
    [
        "*", "?", "??", "a*", "*b", "a?c", "a%c", "a_c", "a\\c", "%", "_", "\\", "*😀*", "?😀", "😀?", "??x", "?x", "a*b*c", "",
        "a.c", "a[bc]", "(a|b)", "A*", "search_*", "b??k", "*?", "?*?", "a\nc", "\0", "'*", "*" + Hostile, "^a$", "中?",
    ];

    private static readonly string[] Names =
    [
        "", "a", "abc", "a%c", "a_c", "axc", "a\\c", "%", "_", "\\", "😀", "x😀", "😀x", "😀😀", "a.c", "abbc", "ab", "A", "search_flights",
        "searching", "book", "b😀k", "bo😀", "a\nc", "\0", "a[bc]", "(a|b)", "abxbyc", "'", "'" + Hostile, Hostile, "^a$", "中文", "中😀",
    ];

    [Fact]
    public async Task EventNamePatternsMatchAsTheEnginesWildcards()
    {
        var sql = Patterns.Select(FilterSql.EventName).ToList();
        var rows = Names.Select((name, i) => $"SELECT {Sql.Number(i)} AS id, {Sql.String(name)} AS event");

        var actual = await EvaluateAsync(sql, rows);

        for (var p = 0; p < Patterns.Length; p++)
        {
            var expected = Names.Select(n => Wildcard.IsMatch(Patterns[p], n)).ToArray();
            Assert.True(expected.SequenceEqual(actual[p]), $"pattern {Patterns[p]}: the engine matches {Ids(expected)}, the SQL {Ids(actual[p])}");
        }
    }

    [Fact]
    public async Task TheMappingGivesEachRowTheFirstTouchpointThatClaimsIt()
    {
        var journey = LogFixture.ThreeStages() with
        {
            Lanes =
            [
                new Lane
                {
                    Id = "tp",
                    Type = LaneType.Touchpoints,
                    Items =
                    [
                        new LaneItem { Id = "ios", Stage = "B", Events = [new EventMatcher { Name = "b*", Where = "device = \"ios\"" }] },
                        new LaneItem { Id = "any-b", Stage = "B", Events = ["b?ok", "bo*"] },
                        new LaneItem { Id = "nowhere", Stage = "X", Events = ["*"] },
                        new LaneItem { Id = "pro", Stage = "A", Events = [new EventMatcher { Name = "*", Where = "plan = \"pro\"" }] },
                    ],
                },
            ],
        };
        var events = new[] { ("book", "ios", "free"), ("book", "web", "pro"), ("bxok", "", "pro"), ("boat", "ios", ""), ("cart", "", "pro"), ("cart", "ios", "free") };
        var builder = new EventLogBuilder();
        for (var r = 0; r < events.Length; r++)
        {
            var (name, device, plan) = events[r];
            builder.Add($"r{r}", r, name, null, [KeyValuePair.Create("device", device)], [KeyValuePair.Create("plan", plan)]);
        }

        var log = builder.Build();
        var expected = JourneyMapping.Build(journey, log, Segments.RowCondition(log));
        var mapping = MappingSql.Build(journey, log.Properties.Keys.ToHashSet(StringComparer.Ordinal));
        var customerOfRow = log.CustomerOfRow();
        var rows = Enumerable.Range(0, log.EventCount).Select(row =>
            Row(row, [("plan", log.Attributes["plan"][customerOfRow[row]] ?? "")], [("device", log.Properties["device"][row] ?? "")])
                .Replace(" AS id", $" AS id, {Sql.String(log.EventNames[log.EventCodes[row]])} AS event", StringComparison.Ordinal));

        var actual = await QueryAsync($"SELECT id, {mapping.Touchpoint} AS tp FROM ({string.Join(" UNION ALL ", rows)}) ORDER BY id");

        Assert.Equal(["ios", "any-b", "pro"], mapping.Touchpoints.Select(t => t.Id));
        Assert.True(mapping.NeedsAttributes);
        // Row by row: book/ios → ios; book/web → any-b; bxok → any-b (b?ok); boat/ios → ios (b*); cart/pro → pro; cart/free → none.
        Assert.Equal([0, 1, 1, 0, 2, -1], expected.TouchpointOfRow);
        Assert.Equal(expected.TouchpointOfRow, actual.Select(r => r.GetProperty("tp").GetInt32()));
    }

    /// <summary>One row of literals: id, attributes, properties (empty values left out, as the store keeps them).</summary>
    private static string Row(int id, (string Name, string Value)[] attributes, (string Name, string Value)[] properties)
    {
        var kept = attributes.Where(a => a.Value.Length > 0).ToList();
        var props = properties.Where(p => p.Value.Length > 0).ToList();
        return $"SELECT {Sql.Number(id)} AS id, {Array(kept.Select(a => a.Name))} AS attr_keys, {Array(kept.Select(a => a.Value))} AS attr_values, "
            + $"{Array(props.Select(p => p.Name))} AS prop_keys, {Array(props.Select(p => p.Value))} AS prop_values";
    }

    private static string Array(IEnumerable<string> values) => values.Any() ? Sql.Strings(values) : "emptyArrayString()";

    private static EventLog CustomerLog()
    {
        var builder = new EventLogBuilder();
        foreach (var (id, attributes) in Customers)
        {
            builder.Add(id, 0, "e", null, null, attributes.Select(a => KeyValuePair.Create(a.Name, a.Value)));
        }

        return builder.Build();
    }

    private static int IndexOf(EventLog log, string id) => log.CustomerIds.ToList().IndexOf(id);

    /// <summary>Each expression evaluated on each row: per expression, per row (by id), whether it holds.</summary>
    private async Task<List<bool[]>> EvaluateAsync(IReadOnlyList<string> expressions, IEnumerable<string> rows)
    {
        // A few expressions per query: ClickHouse limits a query's size.
        var table = string.Join(" UNION ALL ", rows);
        var results = new List<bool[]>();
        foreach (var chunk in expressions.Chunk(10))
        {
            var columns = string.Concat(chunk.Select((e, i) => $", toUInt8({e}) AS f{i}"));
            var result = await QueryAsync($"SELECT id{columns} FROM ({table}) ORDER BY id");
            results.AddRange(chunk.Select((_, i) => result.Select(r => r.GetProperty($"f{i}").GetInt32() == 1).ToArray()));
        }

        return results;
    }

    private async Task<IReadOnlyList<System.Text.Json.JsonElement>> QueryAsync(string sql)
    {
        using var client = new ClickHouseClient(servers.Single.Hosts[0], servers.Single);
        return await client.QueryAsync(sql, useDatabase: false);
    }

    private static string Ids(bool[] selected)
    {
        var ids = new StringBuilder();
        for (var i = 0; i < selected.Length; i++)
        {
            if (selected[i])
            {
                ids.Append(ids.Length > 0 ? "," : "").Append(i);
            }
        }

        return "[" + ids + "]";
    }
}

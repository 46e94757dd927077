namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;

/// <summary>
/// The records of a CSV file by RFC 4180, for every reader of CSV files that may hold quotes (events with quotes,
/// surveys, insights). A field that starts with a quote runs to the next lone quote: <c>""</c> inside it is a quote,
/// and separators and line breaks inside it are data. Nothing is guessed about a malformed record: a quote inside a
/// field that does not start with one, text after a closing quote, and a quoted field still open where the file ends
/// (or longer than the line limit) make the record bad, with the line it starts on and why. Reading then goes on at the
/// line after the bad record's first line when the record ran over several lines (the quote was probably missing, so
/// those lines are rows of their own), or at the next line otherwise: no row is swallowed.
/// A line break is LF or CRLF; a byte order mark before the header is dropped.
/// </summary>
internal sealed class CsvRecords : IDisposable
{
    /// <summary>Why a field that names something (a customer, an event, a time, a touchpoint) may not hold a line break.</summary>
    public const string LineBreakReason = "holds a line break: a quote opened in this row is probably not closed where it should be";

    /// <summary>The separators a header may use, in the order ties are broken.</summary>
    private static readonly char[] s_separators = [',', ';', '\t', '|'];

    private readonly TextReader _reader;
    private readonly long _maxRecordChars;
    private char[] _input = new char[64 * 1024];
    private int _at;
    private int _end;
    private bool _eof;
    private long _line = 1;
    private char[] _chars = new char[1024];
    private int _length;
    private readonly List<int> _starts = [];
    private readonly List<int> _ends = [];
    private char[] _raw = new char[1024];
    private int _rawLength;

    public CsvRecords(TextReader reader, long maxRecordChars)
    {
        _reader = reader;
        _maxRecordChars = maxRecordChars;
        if (!ReadRecord())
        {
            Header = [];
            return;
        }

        if (Problem is not null)
        {
            throw new ImportAbortedException($"the header line is not valid CSV: {Problem}");
        }

        Header = CheckHeader([.. Enumerable.Range(0, Count).Select(i => this[i].ToString())]);
    }

    /// <summary>The separator, told from the header line.</summary>
    public char Separator { get; private set; }

    /// <summary>The column names of the header line (empty for an empty file).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>The line the current record starts on (from 1).</summary>
    public long Line { get; private set; }

    /// <summary>The line the current record ends on.</summary>
    public long EndLine { get; private set; }

    /// <summary>Why the current record is malformed, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int Count => _starts.Count;

    /// <summary>True when the current record is an empty or blank line.</summary>
    public bool IsBlank => Count == 1 && this[0].Trim().IsEmpty && Line == EndLine;

    public ReadOnlySpan<char> this[int index] => _chars.AsSpan(_starts[index], _ends[index] - _starts[index]);

    /// <summary>Opens a file, its separator told from the header line.</summary>
    public static CsvRecords Open(Stream stream, long maxRecordChars) =>
        new(new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024), maxRecordChars);

    /// <summary>The separator of a header line: the most frequent of , ; tab | outside quotes (a comma when none).</summary>
    public static char DetectSeparator(ReadOnlySpan<char> header)
    {
        Span<int> counts = stackalloc int[s_separators.Length];
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && Array.IndexOf(s_separators, c) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            best = counts[i] > counts[best] ? i : best;
        }

        return s_separators[best];
    }

    /// <summary>The column names, refused when one is named twice (a file to fix, not a guess which to use).</summary>
    public static string[] CheckHeader(string[] names)
    {
        if (names.Length > 0)
        {
            names[0] = names[0].TrimStart('\uFEFF');
        }

        var twice = names.Select((name, i) => (name, i)).GroupBy(c => c.name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ImportAbortedException(
                $"the header line names the column '{twice.Key}' more than once (columns {string.Join(" and ", twice.Select(c => c.i + 1))}); give each column its own name");
        }

        return names;
    }

    /// <summary>Whether field <paramref name="index"/> holds a line break (legitimate in a comment, never in an id, an event name or a time).</summary>
    public bool HasLineBreak(int index) => this[index].IndexOfAny('\n', '\r') >= 0;

    /// <summary>Why the current record cannot be a row (its fields do not match the header's), or null.</summary>
    public string? FieldCountProblem()
    {
        if (Count == Header.Count)
        {
            return null;
        }

        var lines = EndLine > Line ? $" over lines {Line}–{EndLine}" : "";
        return $"has {Count} fields{lines} but the header has {Header.Count} (a truncated or malformed line)";
    }

    /// <summary>Reads the next record; false at the end of the file.</summary>
    public bool Read() => ReadRecord();

    /// <summary>
    /// For a record over several lines that turned out bad (an id with a line break): reads on from the line after its
    /// first line, so the lines a stray quote pulled in are rows of their own.
    /// </summary>
    public void ResumeAfterFirstLine() => PutBackAfterFirstLine();

    public void Dispose() => _reader.Dispose();

    private bool ReadRecord()
    {
        _length = 0;
        _rawLength = 0;
        _starts.Clear();
        _ends.Clear();
        Problem = null;
        Line = _line;
        if (Peek() < 0)
        {
            return false;
        }

        var separator = Separator;
        if (separator == '\0')
        {
            separator = Separator = DetectSeparator(FirstLine());
        }

        while (true)
        {
            // One field: at its first character.
            _starts.Add(_length);
            if (Peek() == '"')
            {
                Take();
                var opened = _line;
                while (true)
                {
                    var c = Take();
                    if (c < 0)
                    {
                        return Bad($"a quoted field opened on line {opened} is never closed: the file ends inside it (a file cut off, or a missing closing quote)", rewind: true);
                    }

                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Take();
                            Append('"');
                            continue;
                        }

                        break;
                    }

                    Append((char)c);
                    if (_rawLength > _maxRecordChars)
                    {
                        return Bad($"a quoted field opened on line {opened} runs on for more than {LineGuardStream.Size(_maxRecordChars)} (a missing closing quote)", rewind: true);
                    }
                }

                _ends.Add(_length);
                var next = Peek();
                if (next == '\r' && PeekSecond() is '\n' or -1)
                {
                    Take();
                    next = '\n';
                }

                if (next < 0 || next == '\n' || next == separator)
                {
                    Take();
                    if (next == separator)
                    {
                        continue;
                    }

                    return Done();
                }

                return Bad($"field {_starts.Count} has text after its closing quote; inside a quoted field write a quote twice (\"\")", rewind: _line > Line);
            }

            while (true)
            {
                var c = Take();
                if (c < 0 || c == '\n')
                {
                    var end = _length > _starts[^1] && _chars[_length - 1] == '\r' ? _length - 1 : _length;
                    _ends.Add(end);
                    return Done();
                }

                if (c == separator)
                {
                    _ends.Add(_length);
                    break;
                }

                if (c == '"')
                {
                    return Bad($"field {_starts.Count} has a quote but does not start with one; enclose the field in quotes and write the quote twice (\"a \"\"quoted\"\" word\")", rewind: _line > Line);
                }

                Append((char)c);
            }
        }
    }

    private bool Done()
    {
        EndLine = _line - (_rawLength > 0 && _raw[_rawLength - 1] == '\n' ? 1 : 0);
        return true;
    }

    /// <summary>
    /// Marks the record bad and goes on at the line after its first line (<paramref name="rewind"/>: it ran over
    /// several lines) or after the line the problem is on.
    /// </summary>
    private bool Bad(string problem, bool rewind)
    {
        Problem = problem;
        if (rewind && PutBackAfterFirstLine())
        {
            return true;
        }

        int c;
        while ((c = Take()) >= 0 && c != '\n')
        {
        }

        EndLine = _line - (c == '\n' ? 1 : 0);
        return true;
    }

    /// <summary>Puts back what the record read after its first line, to be read again as records of their own.</summary>
    private bool PutBackAfterFirstLine()
    {
        var firstBreak = _raw.AsSpan(0, _rawLength).IndexOf('\n');
        if (firstBreak < 0 || firstBreak == _rawLength - 1)
        {
            return false;
        }

        var back = _rawLength - firstBreak - 1;
        var rest = _end - _at;
        var input = new char[Math.Max(_input.Length, back + rest)];
        _raw.AsSpan(firstBreak + 1, back).CopyTo(input);
        _input.AsSpan(_at, rest).CopyTo(input.AsSpan(back));
        (_input, _at, _end) = (input, 0, back + rest);
        _rawLength = firstBreak + 1;
        _line = Line + 1;
        EndLine = Line;
        return true;
    }

    /// <summary>The first line, for telling the separator (read ahead, not consumed).</summary>
    private string FirstLine()
    {
        while (!_eof && _input.AsSpan(_at, _end - _at).IndexOf('\n') < 0)
        {
            Fill(grow: true);
        }

        var pending = _input.AsSpan(_at, _end - _at);
        var newline = pending.IndexOf('\n');
        return pending[..(newline < 0 ? pending.Length : newline)].ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Peek()
    {
        if (_at == _end && !Fill(grow: false))
        {
            return -1;
        }

        return _input[_at];
    }

    private int PeekSecond()
    {
        while (_end - _at < 2 && !_eof)
        {
            Fill(grow: true);
        }

        return _end - _at >= 2 ? _input[_at + 1] : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Take()
    {
        if (_at == _end && !Fill(grow: false))
        {
            return -1;
        }

        var c = _input[_at++];
        if (_rawLength == _raw.Length)
        {
            Array.Resize(ref _raw, _raw.Length * 2);
        }

        _raw[_rawLength++] = c;
        if (c == '\n')
        {
            _line++;
        }

        return c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(char c)
    {
        if (_length == _chars.Length)
        {
            Array.Resize(ref _chars, _chars.Length * 2);
        }

        _chars[_length++] = c;
    }

    /// <summary>Reads more; keeps what is unread (and grows the buffer when asked to keep it all).</summary>
    private bool Fill(bool grow)
    {
        if (_eof)
        {
            return false;
        }

        var rest = _end - _at;
        if (grow && rest == _input.Length)
        {
            Array.Resize(ref _input, _input.Length * 2);
        }

        _input.AsSpan(_at, rest).CopyTo(_input);
        (_at, _end) = (0, rest);
        var read = _reader.Read(_input, _end, _input.Length - _end);
        if (read <= 0)
        {
            _eof = true;
            return _end > _at;
        }

        _end += read;
        return true;
    }
}

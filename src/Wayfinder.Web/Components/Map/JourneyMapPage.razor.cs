namespace Wayfinder.Web.Components.Map;

using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Wayfinder.App.Rendering;
using Wayfinder.App.Documents;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;
using Wayfinder.Web.Components.Shared;
using Wayfinder.Web.Components.History;
using Wayfinder.Web.Documents;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Live;
using Wayfinder.Web.Storage;

/// <summary>What the map page shows: the journey, its SVG (with the data's overlays on the chosen cut) and the cut's choices.</summary>
public sealed record MapView(
    Journey Journey,
    int Revision,
    RevisionInfo? LastSave,
    string Svg,
    JourneyReport? Report,
    bool HasEvents,
    string? CutProblem,
    IReadOnlyList<string> CutWarnings,
    IReadOnlyList<(string Id, string Name)> Personas,
    IReadOnlyList<(string Id, string Name)> Channels,
    IReadOnlyList<string> Periods,
    IReadOnlyList<MapElement> Elements);

/// <summary>
/// <c>/w/{workspace}/journeys/{id}</c>: the journey map as the CLI draws it, inlined so its elements can be selected, zoomable
/// and pannable, with the data's overlays switchable and cut by persona, channel and period; the selected element's
/// evidence, comments and history beside it; redrawn live when anyone saves; who else views it. A share link opens it read-only.
/// </summary>
public sealed partial class JourneyMapPage
{
    /// <summary>The overlays the map renderer marks (<c>data-overlay</c>), with their names on the chips.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> Overlays =
    [
        ("funnel", "Funnel"), ("drop_off", "Drop-off"), ("stranded", "Stranded"), ("emotion", "Measured emotion"),
        ("kpi", "KPI actuals"), ("gaps", "Knowledge gaps"), ("evidence", "Evidence dots"),
    ];

    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly string _connection = "page-" + Guid.NewGuid().ToString("N");
    private MapView? _view;
    private string? _missing;
    private string? _error;
    private string? _deletedBy;
    private string _persona = "";
    private string _channel = "";
    private string _period = "";
    private string? _selected;
    private MapElement? _selectedElement;
    private List<(RevisionEntry Entry, string Change)>? _elementHistory;
    private IReadOnlyList<RevisionEntry>? _revisions;
    private List<string> _viewers = [];
    private bool _sharing;
    private bool _deleting;
    private bool _duplicating;
    private ElementReference _viewport;
    private ElementReference _zoomLabel;
    private IJSObjectReference? _module;
    private DotNetObjectReference<JourneyMapPage>? _self;
    private IDisposable? _subscription;
    private bool _attached;
    private bool _viewing;
    private string? _loadedFor;
    private int _reloads;

    [Parameter]
    public string Id { get; set; } = "";

    /// <summary><c>?element=ID</c>: the element selected on load (the search page links so).</summary>
    [SupplyParameterFromQuery(Name = "element")]
    public string? Element { get; set; }

    private static IEnumerable<(string Format, string Label)> Downloads =>
        RenderFormats.SupportedBy(DocumentKind.Journey)
            .Select(f => (RenderFormats.Extension(f), Label(f)))
            .Append((RendersApi.Yaml, "YAML (the map's source)"));

    private bool HasData => _view?.Report is not null;

    private string SafeName => Renders.SafeName(Id);

    private string HiddenClasses => string.Join(' ', _hidden.Select(h => "hide-" + h));

    protected override bool AllowsShareLink(string kind, string id) => kind == "journey" && id == Id;

    protected override async Task LoadAsync()
    {
        var key = $"{Workspace}\n{Id}";
        if (_loadedFor == key)
        {
            return;
        }

        _loadedFor = key;
        _selected = string.IsNullOrEmpty(Element) ? null : Element;
        _subscription?.Dispose();
        _subscription = Bus.Subscribe(Workspace, OnEventAsync);
        await RenderMapAsync();
        SelectFromView();
        ReadViewers();
    }

    private async Task RenderMapAsync()
    {
        var cut = new AnalysisRequest
        {
            PersonaId = Blank(_persona),
            Channel = Blank(_channel),
            Period = Blank(_period),
            IncludeTrend = false,
        };
        try
        {
            var view = await WithDocumentsAsync((repository, services) => ReadViewAsync(repository, services, cut));
            _missing = view is null ? $"There is no journey map “{Id}” in the workspace “{Workspace}”. It may have been deleted or renamed." : null;
            _view = view ?? _view;
            _error = null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            _error = $"The map could not be drawn: {e.Message}. Reload the page; if it happens again, open the map in the editor to check it.";
        }
    }

    private async Task<MapView?> ReadViewAsync(EfDocumentRepository repository, IServiceProvider services, AnalysisRequest cut)
    {
        var stored = await repository.ReadAsync(DocumentKind.Journey, Id, CancellationToken.None);
        if (stored is null)
        {
            return null;
        }

        var (loaded, _) = await repository.LoadAsync(CancellationToken.None);
        if (loaded.FindJourney(Id) is not { } journey)
        {
            _missing = $"“{Id}” does not read as a journey map at revision {stored.Revision}. Open it in the editor, or restore an earlier revision from its history.";
            return null;
        }

        var evidence = services.GetRequiredService<EvidenceWorkspaces>();
        var cache = services.GetRequiredService<AnalysisCache>();
        var db = services.GetRequiredService<WayfinderDbContext>();
        var stores = evidence.Open(repository, Workspace);
        var data = stores is null ? new JourneyData(null, false, null, "", []) : await JourneyRenders.DataAsync(db, stores, cache, Workspace, Id, cut, CancellationToken.None);
        var summary = stores is null ? EventSummary.Empty : await stores.Events.SummaryAsync(CancellationToken.None);
        var stamp = await evidence.StampAsync(db, Workspace, cache.Today, CancellationToken.None);

        // Kept beside the downloads: the same bytes for the same revision, workspace state and cut.
        var renders = services.GetRequiredService<RenderCache>();
        var renderKey = string.Join('|', "page-map", Workspace, Id, stored.Revision, stamp, cut.PersonaId, cut.Channel, cut.Period);
        if (!renders.TryGet(renderKey, out var bytes))
        {
            bytes = JourneyRenders.Render(journey, RenderFormat.Svg, loaded, data.Report, cache.Today);
            renders.Set(renderKey, bytes);
        }

        var last = (await repository.HistoryAsync(DocumentKind.Journey, Id, CancellationToken.None)).MaxBy(r => r.Revision);
        return new MapView(
            journey,
            stored.Revision,
            last,
            Encoding.UTF8.GetString(bytes),
            data.Report,
            data.HasEvents,
            data.Problem,
            data.Warnings,
            [.. loaded.Personas.Select(p => (p.Document.Id, p.Document.Name ?? p.Document.Title))],
            [.. loaded.Config.Channels.Select(c => (c.Id, c.Name))],
            MapElements.Periods(summary),
            MapElements.Of(journey));
    }

    private void SelectFromView()
    {
        _selectedElement = _selected is null ? null : _view?.Elements.FirstOrDefault(e => e.Id == _selected);
        if (_selectedElement is null)
        {
            _selected = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || !Allowed || _view is null)
        {
            return;
        }

        _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/map.js");
        if (!_attached)
        {
            _attached = true;
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("attach", _viewport, _self, _zoomLabel);
            await _module.InvokeVoidAsync("highlight", _viewport, Selection, "is-selected", true);
        }
        else
        {
            await _module.InvokeVoidAsync("highlight", _viewport, Selection, "is-selected", false);
        }

        if (!ReferenceEquals(_fittedSvg, _view.Svg))
        {
            // A new drawing (another cut, someone's save) may have another size: fit it again.
            if (_fittedSvg is not null)
            {
                await _module.InvokeVoidAsync("fit", _viewport);
            }

            _fittedSvg = _view.Svg;
        }

        if (!_viewing && SignedIn)
        {
            _viewing = true;
            await LiveEvents.ViewAsync(_connection, Workspace, UserName, "journey", Id, CancellationToken.None);
        }
    }

    /// <summary>The drawing the viewport was last fitted to (attach fits the first one).</summary>
    private string? _fittedSvg;

    private string[] Selection => _selected is null ? [] : [_selected];

    /// <summary>Called by map.js when an element of the map is clicked.</summary>
    [JSInvokable]
    public Task Select(string elementId) => InvokeAsync(() => SelectAsync(elementId));

    private async Task SelectAsync(string elementId)
    {
        _selected = elementId;
        SelectFromView();
        _elementHistory = null;
        StateHasChanged();
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("highlight", _viewport, Selection, "is-selected", false);
        }

        if (_selectedElement is not null && Role is not null)
        {
            await LoadElementHistoryAsync();
        }
    }

    private async Task GoToAsync(ChangeEventArgs e)
    {
        var id = e.Value?.ToString();
        if (string.IsNullOrEmpty(id))
        {
            await ClearSelectionAsync();
            return;
        }

        await SelectAsync(id);
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("highlight", _viewport, Selection, "is-selected", true);
        }
    }

    private async Task ClearSelectionAsync()
    {
        _selected = null;
        _selectedElement = null;
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("highlight", _viewport, Array.Empty<string>(), "is-selected", false);
        }
    }

    private async Task LoadElementHistoryAsync()
    {
        _revisions ??= await WithDocumentsAsync((repository, _) => JourneyRevisions.LoadAsync(repository, Id, CancellationToken.None)) ?? [];
        var id = _selected;
        var list = new List<(RevisionEntry, string)>();
        for (var i = 0; i < _revisions.Count; i++)
        {
            var entry = _revisions[i];
            var older = i + 1 < _revisions.Count ? _revisions[i + 1].Journey : null;
            foreach (var change in entry.Changes?.Elements.Where(c => c.ElementId == id) ?? [])
            {
                list.Add((entry, JourneyRevisions.Describe(change, entry.Journey, older)));
            }
        }

        _elementHistory = list;
    }

    private void Toggle(string overlay)
    {
        if (!_hidden.Remove(overlay))
        {
            _hidden.Add(overlay);
        }
    }

    private async Task CutChangedAsync() => await RenderMapAsync();

    private async Task ZoomAsync(double factor)
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("zoom", _viewport, factor);
        }
    }

    private async Task FitAsync()
    {
        if (_module is not null)
        {
            await _module.InvokeVoidAsync("fit", _viewport);
        }
    }

    private Task OnEventAsync(WorkspaceEvent e)
    {
        var mine = e.DocumentKind == "journey" && e.DocumentId == Id;
        if (mine && e.Type == WorkspaceEventTypes.Deleted)
        {
            return InvokeAsync(() =>
            {
                _deletedBy = e.Actor ?? "Someone";
                StateHasChanged();
            });
        }

        // The settings name the channels and competitors the map draws: a change of them redraws it as an import does.
        // A deleted map keeps its last version on the page until it is saved (brought back) again.
        var again = mine && e.Type is WorkspaceEventTypes.Saved or WorkspaceEventTypes.Restored;
        if (again || (_deletedBy is null && e.Type is WorkspaceEventTypes.Imported or WorkspaceEventTypes.SettingsChanged))
        {
            if (again)
            {
                _deletedBy = null;
            }

            return InvokeAsync(async () =>
            {
                var reload = ++_reloads;
                _revisions = null;
                await RenderMapAsync();
                if (reload == _reloads)
                {
                    SelectFromView();
                    if (_selectedElement is not null && Role is not null)
                    {
                        await LoadElementHistoryAsync();
                    }

                    StateHasChanged();
                }
            });
        }

        if (mine && e.Type is WorkspaceEventTypes.Viewing or WorkspaceEventTypes.Left)
        {
            return InvokeAsync(() =>
            {
                ReadViewers();
                StateHasChanged();
            });
        }

        return Task.CompletedTask;
    }

    private void ReadViewers() =>
        _viewers = [.. Presence.In(Workspace)
            .Where(v => v.DocumentKind == "journey" && v.DocumentId == Id && v.User is not null && v.User != UserName)
            .Select(v => v.User!)
            .Distinct(StringComparer.Ordinal)];

    private string DownloadLink(string format) => WorkspaceLinks.Render(Workspace, DocumentKind.Journey, Id, format, Role is null ? Share : null);

    private string WithShare(string link) => Role is null && !string.IsNullOrEmpty(Share) ? $"{link}?share={Uri.EscapeDataString(Share)}" : link;

    private static string Label(RenderFormat format) => format switch
    {
        RenderFormat.Svg => "SVG (vector image)",
        RenderFormat.Png => "PNG (image)",
        RenderFormat.Pdf => "PDF (A3 pages)",
        RenderFormat.Html => "HTML report",
        RenderFormat.Xlsx => "Excel workbook (lanes)",
        RenderFormat.Csv => "CSV (lanes)",
        RenderFormat.Mermaid => "Mermaid diagram",
        RenderFormat.Pptx => "PowerPoint slides (16:9)",
        RenderFormat.Slides => "Slides as PDF (16:9)",
        _ => format.ToString(),
    };

    /// <summary>“touchpoint” → “Touchpoint”, as the panel and the element list name kinds.</summary>
    public static string KindWord(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..].Replace('_', ' ');

    private static string Short(string text) => text.Length <= 70 ? text : text[..67] + "…";

    private static string Initials(string user) => user.Length == 0 ? "?" : user[..Math.Min(2, user.Length)].ToUpperInvariant();

    /// <summary>An evidence source as a link only when it is a web address (never a javascript: or data: one).</summary>
    private static string? SafeUrl(string? source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_viewing)
        {
            await LiveEvents.LeaveAsync(_connection, Workspace, CancellationToken.None);
        }

        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the module.
            }
        }

        _self?.Dispose();
    }
}

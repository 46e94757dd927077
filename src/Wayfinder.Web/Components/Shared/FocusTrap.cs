namespace Wayfinder.Web.Components.Shared;

using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

/// <summary>
/// Keeps the keyboard's focus inside a modal dialog while it is open (Tab and Shift+Tab wrap; the element marked
/// <c>data-autofocus</c>, or the first that takes focus, gets it) and gives it back to where it was on release.
/// </summary>
public sealed class FocusTrap : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private IJSObjectReference? _trap;
    private bool _released;

    /// <summary>Starts trapping focus in <paramref name="dialog"/>; call once the dialog is rendered and interactive.</summary>
    public async Task StartAsync(IJSRuntime js, ElementReference dialog)
    {
        ArgumentNullException.ThrowIfNull(js);
        _module = await js.InvokeAsync<IJSObjectReference>("import", "./js/people.js");
        _trap = await _module.InvokeAsync<IJSObjectReference>("trapFocus", dialog);
    }

    /// <summary>Stops trapping and gives the focus back; once, and quietly when the browser has gone.</summary>
    public async Task ReleaseAsync()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (_trap is not null)
            {
                await _trap.InvokeVoidAsync("release");
                await _trap.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left; there is no focus to give back.
        }
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();
}

// Editing together: saves at once when the person leaves a field, switches tab or leaves the page (the autosave's pause
// after typing is the server's). Loaded by CollaborationHost.
export function watch(host) {
    const save = () => host.invokeMethodAsync("SaveNow").catch(() => { /* the circuit is gone: nothing to save to */ });
    const hidden = () => { if (document.visibilityState === "hidden") { save(); } };
    document.addEventListener("focusout", save, true);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("pagehide", save);
    return {
        dispose() {
            document.removeEventListener("focusout", save, true);
            document.removeEventListener("visibilitychange", hidden);
            window.removeEventListener("pagehide", save);
        },
    };
}

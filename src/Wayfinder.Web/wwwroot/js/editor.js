// The journey editor's page-wide shortcuts: Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac). In a text field
// the browser's own undo of the typing wins, so the shortcuts only act outside fields.
export function shortcuts(dotnet) {
    const handler = event => {
        const target = event.target;
        if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
        if (target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
        const key = event.key.toLowerCase();
        if (key === "z" && !event.shiftKey) {
            event.preventDefault();
            dotnet.invokeMethodAsync("Undo");
        } else if ((key === "z" && event.shiftKey) || key === "y") {
            event.preventDefault();
            dotnet.invokeMethodAsync("Redo");
        }
    };
    document.addEventListener("keydown", handler);
    return { dispose: () => document.removeEventListener("keydown", handler) };
}

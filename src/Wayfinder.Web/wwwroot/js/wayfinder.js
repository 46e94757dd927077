// The web app's shared browser helpers (ES module, loaded on demand by the layout). Each area of the app keeps its own
// module beside this one (js/<area>.js); no framework.

// Marks the page as interactive once its circuit is up, for people's scripts and the browser tests to wait on.
export function markInteractive() {
  document.documentElement.dataset.interactive = "true";
}

// Copies text to the clipboard; resolves true when the browser allowed it.
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

// Saves a file the server returned for a URL (same origin, the cookie goes with it) under a name.
export function download(url, fileName) {
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName || "";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

// Moves keyboard focus to the first element matching the selector, if any.
export function focus(selector) {
  const element = document.querySelector(selector);
  if (element) element.focus();
}

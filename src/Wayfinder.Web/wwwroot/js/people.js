// People and sharing: keeps keyboard focus inside a dialog while it is open, and gives it back when it closes.

const focusable = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// Traps Tab and Shift+Tab inside the element and focuses its first control; release() undoes it and refocuses what had focus.
export function trapFocus(element) {
  const previous = document.activeElement;
  const onKeyDown = (e) => {
    if (e.key !== "Tab") return;
    const items = [...element.querySelectorAll(focusable)].filter((x) => x.offsetParent !== null);
    if (items.length === 0) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || !element.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !element.contains(document.activeElement))) {
      e.preventDefault();
      first.focus();
    }
  };
  element.addEventListener("keydown", onKeyDown);
  const start = element.querySelector("[data-autofocus]") || element.querySelector(focusable);
  if (start) start.focus();
  return {
    release() {
      element.removeEventListener("keydown", onKeyDown);
      if (previous && document.contains(previous) && typeof previous.focus === "function") previous.focus();
    },
  };
}

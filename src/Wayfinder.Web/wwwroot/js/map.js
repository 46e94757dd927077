// The journey map page: zoom and pan of the inlined map (wheel, pinch, drag, keys, buttons), clicks on its elements
// (groups marked data-element-id by the server's renderer), highlights, and present mode's full screen and keys.
// Loaded as an ES module by the pages of Components/Map, History and Present; no framework.

const states = new WeakMap();

function apply(state) {
  state.stage.style.transform = `translate(${state.x}px, ${state.y}px) scale(${state.scale})`;
  state.viewport.dataset.zoom = String(Math.round(state.scale * 100));
  if (state.label) state.label.textContent = `${Math.round(state.scale * 100)}%`;
}

function svgOf(state) {
  return state.stage.querySelector("svg");
}

function zoomAt(state, factor, cx, cy) {
  const next = Math.min(4, Math.max(0.1, state.scale * factor));
  const f = next / state.scale;
  state.x = cx - (cx - state.x) * f;
  state.y = cy - (cy - state.y) * f;
  state.scale = next;
  apply(state);
}

// Fits the whole map in the viewport's width (and height when that is the tighter one).
export function fit(viewport) {
  const state = states.get(viewport);
  const svg = state && svgOf(state);
  if (!svg) return;
  const w = Number(svg.getAttribute("width")) || svg.getBBox().width;
  const h = Number(svg.getAttribute("height")) || svg.getBBox().height;
  const box = viewport.getBoundingClientRect();
  state.scale = Math.max(0.1, Math.min(box.width / w, box.height / h, 1));
  state.x = (box.width - w * state.scale) / 2;
  state.y = 0;
  apply(state);
}

export function zoom(viewport, factor) {
  const state = states.get(viewport);
  if (!state) return;
  const box = viewport.getBoundingClientRect();
  zoomAt(state, factor, box.width / 2, box.height / 2);
}

// Makes the viewport zoomable and pannable, and reports clicks on elements to the page (dotnet.invokeMethodAsync("Select", id)).
export function attach(viewport, dotnet, label) {
  if (states.has(viewport)) return;
  const stage = viewport.querySelector(".map-stage");
  const state = { viewport, stage, label, dotnet, x: 0, y: 0, scale: 1, pointers: new Map(), moved: 0, pinch: 0 };
  states.set(viewport, state);

  viewport.addEventListener("wheel", (e) => {
    e.preventDefault();
    const box = viewport.getBoundingClientRect();
    zoomAt(state, e.deltaY < 0 ? 1.12 : 1 / 1.12, e.clientX - box.left, e.clientY - box.top);
  }, { passive: false });

  viewport.addEventListener("pointerdown", (e) => {
    state.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    state.moved = 0;
    if (state.pointers.size === 2) {
      const [a, b] = [...state.pointers.values()];
      state.pinch = Math.hypot(a.x - b.x, a.y - b.y);
    }
  });
  viewport.addEventListener("pointermove", (e) => {
    const last = state.pointers.get(e.pointerId);
    if (!last) return;
    const dx = e.clientX - last.x;
    const dy = e.clientY - last.y;
    state.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (state.pointers.size === 2) {
      const [a, b] = [...state.pointers.values()];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      if (state.pinch > 0) {
        const box = viewport.getBoundingClientRect();
        zoomAt(state, distance / state.pinch, (a.x + b.x) / 2 - box.left, (a.y + b.y) / 2 - box.top);
      }
      state.pinch = distance;
      state.moved += 10;
      return;
    }
    state.moved += Math.abs(dx) + Math.abs(dy);
    if (state.moved > 4) {
      if (!viewport.hasPointerCapture(e.pointerId)) viewport.setPointerCapture(e.pointerId);
      viewport.classList.add("is-panning");
      state.x += dx;
      state.y += dy;
      apply(state);
    }
  });
  const end = (e) => {
    state.pointers.delete(e.pointerId);
    if (state.pointers.size < 2) state.pinch = 0;
    viewport.classList.remove("is-panning");
  };
  viewport.addEventListener("pointerup", end);
  viewport.addEventListener("pointercancel", end);

  viewport.addEventListener("click", (e) => {
    if (state.moved > 4) return;
    const element = e.target.closest && e.target.closest("[data-element-id]");
    if (element && viewport.contains(element)) {
      dotnet.invokeMethodAsync("Select", element.getAttribute("data-element-id"));
    }
  });

  viewport.addEventListener("keydown", (e) => {
    const step = 60;
    const keys = {
      "+": () => zoom(viewport, 1.2), "=": () => zoom(viewport, 1.2), "-": () => zoom(viewport, 1 / 1.2),
      "0": () => fit(viewport),
      ArrowLeft: () => { state.x += step; apply(state); }, ArrowRight: () => { state.x -= step; apply(state); },
      ArrowUp: () => { state.y += step; apply(state); }, ArrowDown: () => { state.y -= step; apply(state); },
    };
    if (keys[e.key] && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      keys[e.key]();
    }
  });

  fit(viewport);
  viewport.dataset.ready = "true";
}

// Marks the elements with the given ids (class cls), un-marking the others; scrolls the first into view when asked.
export function highlight(container, ids, cls, reveal) {
  if (!container) return;
  container.querySelectorAll("." + cls).forEach((el) => el.classList.remove(cls));
  let first = null;
  for (const id of ids || []) {
    container.querySelectorAll(`[data-element-id="${CSS.escape(id)}"]`).forEach((el) => {
      el.classList.add(cls);
      first = first || el;
    });
  }
  const state = states.get(container);
  if (reveal && first && state) {
    // Pans so the element sits in the viewport's middle, at the current zoom.
    const box = container.getBoundingClientRect();
    const r = first.getBoundingClientRect();
    state.x += box.left + box.width / 2 - (r.left + r.width / 2);
    state.y += box.top + box.height / 3 - (r.top + r.height / 2);
    apply(state);
  }
}

// Present mode: its keys go to the page (dotnet.invokeMethodAsync("Key", key)); the browser's own use of them is stopped.
let presentHandler = null;

export function presentKeys(root, dotnet) {
  stopPresentKeys();
  presentHandler = (e) => {
    if (["ArrowRight", "ArrowLeft", " ", "Home", "End", "Escape", "PageDown", "PageUp"].includes(e.key)) {
      e.preventDefault();
      dotnet.invokeMethodAsync("Key", e.key);
    }
  };
  document.addEventListener("keydown", presentHandler);
  // The browser allows full screen only in the click's own handler, so the button is wired here, not over the circuit.
  const button = root.querySelector("[data-fullscreen]");
  if (button && !button.dataset.wired) {
    button.dataset.wired = "true";
    button.addEventListener("click", () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
    });
  }
  root.focus();
}

export function stopPresentKeys() {
  if (presentHandler) document.removeEventListener("keydown", presentHandler);
  presentHandler = null;
}

export async function exitFullscreen() {
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
  } catch {
    // Already left (the browser's own Esc).
  }
}

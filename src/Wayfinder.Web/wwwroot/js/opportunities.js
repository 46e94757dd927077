// The value/effort matrix: drag a point (pointer events; mouse, pen and touch) and it snaps to the scale's steps as it
// moves; on release the server is told where it landed (in the matrix's own units) and re-scores it. Arrow keys on a
// selected point are the server's (Blazor); here they only stop the page from scrolling.
const state = new WeakMap();

function toSvg(svg, event) {
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function snap(svg, p) {
  const d = svg.dataset;
  const left = +d.left, top = +d.top, right = +d.right, bottom = +d.bottom, sx = +d.stepX, sy = +d.stepY;
  const x = Math.min(right, Math.max(left, left + Math.round((p.x - left) / sx) * sx));
  const y = Math.min(bottom, Math.max(top, bottom - Math.round((bottom - p.y) / sy) * sy));
  return { x, y };
}

export function attach(svg, dotnet) {
  let drag = null;
  const down = (event) => {
    const g = event.target.closest('.point');
    if (!g || event.button !== 0) return;
    const circle = g.querySelector('circle');
    drag = { g, id: event.pointerId, cx: +circle.getAttribute('cx'), cy: +circle.getAttribute('cy'), start: toSvg(svg, event), at: null };
    g.setPointerCapture(event.pointerId);
    g.style.opacity = '0.8';
    g.focus();
    event.preventDefault();
  };
  const move = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const p = toSvg(svg, event);
    const raw = { x: drag.cx + (p.x - drag.start.x), y: drag.cy + (p.y - drag.start.y) };
    drag.at = snap(svg, raw);
    drag.g.setAttribute('transform', `translate(${drag.at.x - drag.cx} ${drag.at.y - drag.cy})`);
  };
  const up = async (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const { g, at } = drag;
    drag = null;
    g.style.opacity = '';
    if (at) {
      try {
        await dotnet.invokeMethodAsync('DropAsync', g.dataset.key, at.x, at.y);
      } finally {
        g.removeAttribute('transform');
      }
    }
  };
  const cancel = () => {
    if (!drag) return;
    drag.g.style.opacity = '';
    drag.g.removeAttribute('transform');
    drag = null;
  };
  const key = (event) => {
    if (event.target.closest('.point') && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(event.key)) {
      event.preventDefault();
    }
  };
  svg.addEventListener('pointerdown', down);
  svg.addEventListener('pointermove', move);
  svg.addEventListener('pointerup', up);
  svg.addEventListener('pointercancel', cancel);
  svg.addEventListener('keydown', key);
  // For people's scripts and the browser tests: the points can be dragged from now on.
  svg.dataset.ready = 'true';
  state.set(svg, () => {
    svg.removeEventListener('pointerdown', down);
    svg.removeEventListener('pointermove', move);
    svg.removeEventListener('pointerup', up);
    svg.removeEventListener('pointercancel', cancel);
    svg.removeEventListener('keydown', key);
  });
}

export function detach(svg) {
  state.get(svg)?.();
  state.delete(svg);
}

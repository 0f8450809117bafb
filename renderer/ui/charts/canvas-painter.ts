// Paints canvases at their laid-out size, many in one pass: the canvases that arrive in one commit are measured
// together right after it (all reads, then all writes: one layout for the batch, not one per chart) and drawn before
// the first frame that shows them. One ResizeObserver for all of them redraws a canvas whose size changes later, and
// draws those the browser does not lay out yet (in a card off screen under `content-visibility: auto`) once they near
// the view: it reports after a frame's layout, before its paint, so such a chart is painted with its card.
type Draw = (context: CanvasRenderingContext2D, width: number, height: number, ratio: number) => void;

interface Job {
  draw: Draw;
  width: number;
  height: number;
}

const jobs = new Map<Element, Job>();
const unmeasured = new Set<HTMLCanvasElement>();
let observer: ResizeObserver | null = null;

function paint(canvas: HTMLCanvasElement, job: Job): void {
  if (job.width <= 0 || job.height <= 0) return;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(job.width * ratio);
  const height = Math.round(job.height * ratio);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (context !== null) job.draw(context, job.width, job.height, ratio);
}

/**
 * The canvases the browser lays out, with their boxes: all reads, then the caller's writes. One it is not laying out
 * yet (in a card off screen, under `content-visibility: auto`, or any before the page's first layout) is left out:
 * measuring it would lay out every such card.
 */
function laidOut<T extends { canvas: HTMLCanvasElement }>(items: readonly T[]): { item: T; box: DOMRect }[] {
  const shown = items.filter(({ canvas }) => canvas.checkVisibility?.({ contentVisibilityAuto: true }) !== false);
  const boxes = shown.map(({ canvas }) => canvas.getBoundingClientRect());
  return shown.map((item, index) => ({ item, box: boxes[index]! }));
}

function measureNew(): void {
  // Those left out are drawn by the observer, which reports their size once they near the view.
  const batch = [...unmeasured].filter((canvas) => jobs.has(canvas)).map((canvas) => ({ canvas, job: jobs.get(canvas)! }));
  unmeasured.clear();
  for (const { item, box } of laidOut(batch)) {
    item.job.width = box.width;
    item.job.height = box.height;
    paint(item.canvas, item.job);
  }
}

/**
 * Draws these canvases at their size, for a page not yet the app's (the server's first view, which the app's first
 * render replaces): those laid out now at once, the others (off screen, or all of them before the page's first
 * layout) once an observer of their own sees them laid out, each again if its size changes (the page's styles may
 * come after its first script), until it leaves the page.
 */
export function paintUntilReplaced(items: readonly { canvas: HTMLCanvasElement; draw: Draw }[]): void {
  const followed = new Map<Element, Job>(items.map(({ canvas, draw }) => [canvas, { draw, width: 0, height: 0 }]));
  for (const { item, box } of laidOut(items)) {
    const job = followed.get(item.canvas)!;
    job.width = box.width;
    job.height = box.height;
    paint(item.canvas, job);
  }
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const job = followed.get(entry.target);
      if (job === undefined) continue;
      if (!entry.target.isConnected) {
        followed.delete(entry.target);
        observer.unobserve(entry.target);
        continue;
      }
      if (job.width === entry.contentRect.width && job.height === entry.contentRect.height) continue;
      job.width = entry.contentRect.width;
      job.height = entry.contentRect.height;
      paint(entry.target as HTMLCanvasElement, job);
    }
    if (followed.size === 0) observer.disconnect();
  });
  for (const canvas of followed.keys()) observer.observe(canvas);
}

function resized(entries: readonly ResizeObserverEntry[]): void {
  for (const entry of entries) {
    const job = jobs.get(entry.target);
    // The first report of a canvas measured already at that size is no change.
    if (job === undefined || (job.width === entry.contentRect.width && job.height === entry.contentRect.height)) continue;
    job.width = entry.contentRect.width;
    job.height = entry.contentRect.height;
    paint(entry.target as HTMLCanvasElement, job);
  }
}

/**
 * Draws `canvas` with `draw` now if its size is known, else once the current commit is done (call it from a layout
 * effect: the canvas is drawn in the frame that first shows it), and again whenever its size changes.
 */
export function paintCanvas(canvas: HTMLCanvasElement, draw: Draw): void {
  const known = jobs.get(canvas);
  if (known !== undefined) {
    known.draw = draw;
    paint(canvas, known);
    return;
  }
  jobs.set(canvas, { draw, width: 0, height: 0 });
  if (unmeasured.size === 0) queueMicrotask(measureNew);
  unmeasured.add(canvas);
  observer ??= new ResizeObserver(resized);
  observer.observe(canvas);
}

/** Stops following a canvas that leaves the page. */
export function forgetCanvas(canvas: HTMLCanvasElement): void {
  jobs.delete(canvas);
  unmeasured.delete(canvas);
  observer?.unobserve(canvas);
}

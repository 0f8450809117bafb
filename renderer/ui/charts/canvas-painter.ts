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

function measureNew(): void {
  // A canvas the browser is not laying out yet (in a card off screen, under `content-visibility: auto`) is left to
  // the observer, which reports its size once it nears the view: measuring it here would lay out every such card now.
  const batch = [...unmeasured].filter((canvas) => jobs.has(canvas) && canvas.checkVisibility?.({ contentVisibilityAuto: true }) !== false);
  unmeasured.clear();
  const boxes = batch.map((canvas) => canvas.getBoundingClientRect());
  batch.forEach((canvas, index) => {
    const job = jobs.get(canvas)!;
    job.width = boxes[index]!.width;
    job.height = boxes[index]!.height;
    paint(canvas, job);
  });
}

function resized(entries: readonly ResizeObserverEntry[]): void {
  for (const entry of entries) {
    // A canvas that left the page without being forgotten (its owner removed whole, with no cleanup run) is let go at
    // its next report.
    if (!entry.target.isConnected) {
      forgetCanvas(entry.target as HTMLCanvasElement);
      continue;
    }
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

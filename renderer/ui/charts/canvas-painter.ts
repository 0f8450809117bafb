// Paints canvases at their laid-out size, many in one pass: one ResizeObserver for all of them reports every new or
// resized canvas in a single callback after layout (no forced layout per chart), each is sized for the screen's pixel
// ratio and drawn; a canvas whose drawing changed at a known size is drawn at once.
type Draw = (context: CanvasRenderingContext2D, width: number, height: number, ratio: number) => void;

interface Job {
  draw: Draw;
  width: number;
  height: number;
}

const jobs = new Map<Element, Job>();
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

/** Draws `canvas` with `draw` now if its size is known, else once laid out, and again whenever its size changes. */
export function paintCanvas(canvas: HTMLCanvasElement, draw: Draw): void {
  const known = jobs.get(canvas);
  if (known !== undefined) {
    known.draw = draw;
    paint(canvas, known);
    return;
  }
  jobs.set(canvas, { draw, width: 0, height: 0 });
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const job = jobs.get(entry.target);
      if (job === undefined) continue;
      job.width = entry.contentRect.width;
      job.height = entry.contentRect.height;
      paint(entry.target as HTMLCanvasElement, job);
    }
  });
  observer.observe(canvas);
}

/** Stops following a canvas that leaves the page. */
export function forgetCanvas(canvas: HTMLCanvasElement): void {
  jobs.delete(canvas);
  observer?.unobserve(canvas);
}

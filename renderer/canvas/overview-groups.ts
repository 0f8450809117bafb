// A collapsed group on the overview, drawn as the canvas draws its node: a box of the node's own size, a band of the
// group's colour down its leading edge, framed (and faintly tinted) in the colour of its steps' worst status, and its
// name with its step count or run progress once the box is tall enough on screen to read. Pure: no React.
import type { StepStatus } from '../../shared/model.js';
import { groupProgress, progressText, type WorkflowGroup } from '../../shared/workflow-groups.js';

/** What the drawing reads of a group. */
export type OverviewGroup = Pick<WorkflowGroup, 'name' | 'colour' | 'steps'>;

/** The group a node stands for when it is a collapsed group's node (group-nodes.ts: type stepGroup), else null. */
export const collapsedGroupOf = (node: { type?: string; data?: unknown }): WorkflowGroup | null =>
  node.type === 'stepGroup' ? (node.data as { group: WorkflowGroup }).group : null;

export interface GroupColours {
  background: string;
  text: string;
  muted: string;
  /** The colour of a status (the worst among the group's steps); the pending one for none. */
  status(status: string): string;
  /** A group colour's shade, by its name. */
  group(colour: string): string;
}

/** Screen px: the name's size, and the box height under which no text is drawn (it could not be read). */
const FONT_PX = 11;
const TEXT_BOX_PX = 18;
/** Under this many screen px of height only the name is drawn, not the line under it. */
const META_BOX_PX = 34;

/** Draws one collapsed group's box at `box` (flow coordinates) for `zoom`; `statusOf` gives its steps' statuses. */
export function drawCollapsedGroup(ctx: CanvasRenderingContext2D, box: { x: number; y: number; width: number; height: number }, group: OverviewGroup, zoom: number, colours: GroupColours, statusOf: (step: string) => string | undefined): void {
  const statuses = group.steps.map((step) => statusOf(step) as StepStatus | undefined);
  const ran = statuses.some((status) => status !== undefined);
  const progress = groupProgress(statuses);
  const edge = colours.status(progress.worst);
  const { x, y, width, height } = box;
  ctx.fillStyle = colours.background;
  ctx.fillRect(x, y, width, height);
  // Tinted as the node's background is in a run (status-bg): still readable as its status when only a few px wide.
  if (ran) {
    ctx.fillStyle = edge;
    ctx.globalAlpha = 0.16;
    ctx.fillRect(x, y, width, height);
    ctx.globalAlpha = 1;
  }
  ctx.strokeStyle = edge;
  ctx.lineWidth = 1.5 / zoom;
  ctx.strokeRect(x, y, width, height);
  // The band is the node's 6 px left border; at least 4 screen px here, so the group's colour shows however far out.
  const band = Math.min(width / 3, Math.max(6, 4 / zoom));
  ctx.fillStyle = colours.group(group.colour);
  ctx.fillRect(x, y, band, height);
  if (height * zoom < TEXT_BOX_PX) return;
  const font = FONT_PX / zoom;
  const left = x + band + 6 / zoom;
  const room = x + width - 4 / zoom - left;
  ctx.textBaseline = 'middle';
  ctx.font = `600 ${font}px system-ui, sans-serif`;
  ctx.fillStyle = colours.text;
  const twoLines = height * zoom >= META_BOX_PX;
  ctx.fillText(fitted(ctx, group.name, room), left, twoLines ? y + height * 0.34 : y + height / 2);
  if (!twoLines) return;
  ctx.font = `${ran ? '600 ' : ''}${font * 0.95}px system-ui, sans-serif`;
  ctx.fillStyle = ran ? edge : colours.muted;
  const meta = ran ? progressText(progress) : `${group.steps.length} step${group.steps.length === 1 ? '' : 's'}`;
  ctx.fillText(fitted(ctx, meta, room), left, y + height * 0.7);
}

/** `text` cut to `room` (in the context's units) with an ellipsis, as the node's CSS cuts it. */
function fitted(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let end = text.length;
  while (end > 0 && ctx.measureText(`${text.slice(0, end)}…`).width > room) end--;
  return end === 0 ? '' : `${text.slice(0, end)}…`;
}

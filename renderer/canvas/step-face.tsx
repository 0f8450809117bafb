// The face both canvases give a step: its action's glyph and name, then one line saying what it does (the reason it
// waits, while it is queued). Whole texts show on hover; the summary is worked out again only when the step changes.
// A hook and a plain function, not a component: a zoom on a big workflow mounts thousands of nodes at once, and one
// component fewer per node is measurably cheaper there (scripts/bench/canvas.mjs).
import { useContext, useMemo, type ReactElement, type ReactNode } from 'react';
import { glyphOf } from './step-icons.js';
import { ActionGlyphs } from './ActionGlyphs.js';
import type { StepNodeData } from './step-nodes.js';
import { stepSummary } from './step-summary.js';

export interface StepFace {
  glyph: string;
  kind: string;
  summary: string | null;
}

export function useStepFace(data: StepNodeData): StepFace {
  const kind = `${data.module}.${data.action}`;
  const glyph = glyphOf(useContext(ActionGlyphs), kind);
  const summary = useMemo(() => stepSummary(data.step), [data.step]);
  return { glyph, kind, summary };
}

/**
 * The head and the summary line; `waiting` replaces the summary, `badge` ends the head, and `withKind` adds the
 * action's name under a summary (in the editor, where no run status takes that line).
 */
export function stepFace(name: string, { glyph, kind, summary }: StepFace, waiting: string | null, badge: ReactNode = null, withKind = false): ReactElement {
  const line = waiting ?? summary ?? kind;
  return (
    <>
      <div className="step-node__head">
        <span className="step-node__glyph" aria-hidden="true">{glyph}</span>
        <span className="step-node__name">{name}</span>
        {badge}
      </div>
      <div className="step-node__summary" data-reason={waiting ?? undefined} title={line}>{line}</div>
      {withKind && line !== kind && <div className="step-node__action">{kind}</div>}
    </>
  );
}

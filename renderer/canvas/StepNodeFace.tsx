// The face both canvases give a step: its action's glyph and name, then one line saying what it does (the reason it
// waits, while it is queued). Whole texts show on hover; the summary is worked out again only when the step changes.
import { useContext, useMemo, type ReactElement, type ReactNode } from 'react';
import { glyphOf } from './action-glyph.js';
import { ActionGlyphs } from './ActionGlyphs.js';
import type { StepNodeData } from './step-nodes.js';
import { stepSummary } from './step-summary.js';

export interface StepNodeFaceProps {
  data: StepNodeData;
  waiting: string | null;
  badge?: ReactNode;
  /** Under a summary, the action's name too (in the editor, where no run status takes that line). */
  withKind?: boolean;
}

export function StepNodeFace({ data, waiting, badge, withKind = false }: StepNodeFaceProps): ReactElement {
  const kind = `${data.module}.${data.action}`;
  const glyph = glyphOf(useContext(ActionGlyphs), kind);
  const summary = useMemo(() => stepSummary(data.step), [data.step]);
  const line = waiting ?? summary ?? kind;
  return (
    <>
      <div className="step-node__head">
        <span className="step-node__glyph" aria-hidden="true" title={kind}>{glyph}</span>
        <span className="step-node__name" title={data.name}>{data.name}</span>
        {badge}
      </div>
      <div className="step-node__summary" data-reason={waiting ?? undefined} title={line}>{line}</div>
      {withKind && line !== kind && <div className="step-node__action">{kind}</div>}
    </>
  );
}

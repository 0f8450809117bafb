// One row of the inspector's grid: a label in the first column and its input in the second, so every section's labels
// and inputs line up; a wide input (a command, a list, a map) takes the whole row under its label.
import type { ReactElement, ReactNode } from 'react';

export interface InspectorRowProps {
  /** None for an input that labels itself (a fieldset's legend). */
  label?: ReactNode;
  /** The input the label names. */
  htmlFor?: string;
  wide?: boolean;
  hint?: string;
  children: ReactNode;
}

export function InspectorRow({ label, htmlFor, wide = false, hint, children }: InspectorRowProps): ReactElement {
  return (
    <div className={wide ? 'inspector-row inspector-row--wide' : 'inspector-row'}>
      {label !== undefined && (htmlFor === undefined ? <span className="field__label">{label}</span> : <label className="field__label" htmlFor={htmlFor}>{label}</label>)}
      <div className="inspector-row__input">{children}</div>
      {hint !== undefined && hint !== '' && <p className="field__hint">{hint}</p>}
    </div>
  );
}

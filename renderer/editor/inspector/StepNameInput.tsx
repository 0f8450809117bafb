// The step's name: edited freely, applied on Enter or leaving the field — a rename rewrites every reference to it.
import { useEffect, useState, type ReactElement } from 'react';
import { useActions } from '../../app/hooks.js';

export function StepNameInput({ name }: { name: string }): ReactElement {
  const [draft, setDraft] = useState(name);
  const { rename } = useActions();
  useEffect(() => setDraft(name), [name]);
  const commit = (): void => {
    const next = draft.trim();
    if (next === name || next === '' || !rename(name, next)) setDraft(name);
  };
  return (
    <input
      id="inspector-name"
      className="input mono"
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setDraft(name);
      }}
    />
  );
}

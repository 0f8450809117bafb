// The open workflow's problems, live: each one names its step; a click selects and centres that step.
import type { ReactElement } from 'react';
import { formatProblem } from '../../shared/errors.js';
import { useActions, useGraphStore, useValidationStore } from '../app/hooks.js';

export function ProblemsPanel(): ReactElement | null {
  const problems = useValidationStore((state) => state.problems);
  const loadProblems = useGraphStore((state) => state.loadProblems);
  const { focusStep } = useActions();
  const all = loadProblems.length > 0 ? loadProblems : problems;
  if (all.length === 0) return null;
  return (
    <section className="problems-panel" aria-label="Problems">
      <h2 className="problems-panel__title">{all.length} {all.length === 1 ? 'problem' : 'problems'}</h2>
      <ul className="problems-panel__list">
        {all.map((problem, index) => (
          <li key={index}>
            {problem.step !== undefined ? (
              <button type="button" className="problems-panel__item" onClick={() => focusStep(problem.step!)}>{formatProblem({ ...problem, file: undefined })}</button>
            ) : (
              <span className="problems-panel__item">{formatProblem({ ...problem, file: undefined })}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

// The upstream Python Codomyrmex's step fields load as aliases; an unknown step key is a problem that names it.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.js';
import { parseWorkflow } from '../../../shared/workflow-schema.js';

/** A step as the upstream's WorkflowStep dataclass serialises it (asdict): every field, unset ones as null. */
function upstreamStep(name: string, dependencies: string[] = []) {
  return { name, module: 'shell', action: 'run', parameters: { command: 'true' }, dependencies, timeout: null, retry_count: 0, max_retries: 3 };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseWorkflow(raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((problem) => `${problem.step ?? ''}|${problem.field ?? ''}|${problem.message}`);
    throw error;
  }
  return [];
}

describe('upstream step fields', () => {
  it('reads max_retries as retry.count, null timeout as unset, and retry_count as nothing', () => {
    const workflow = parseWorkflow({ name: 'up', steps: [upstreamStep('a'), upstreamStep('b', ['a'])] });
    expect(workflow.steps[0]).toMatchObject({ name: 'a', retry: { count: 3, delay: 0, backoff: 1 } });
    expect(workflow.steps[0]).not.toHaveProperty('timeout');
    expect(workflow.steps[0]).not.toHaveProperty('max_retries');
    expect(workflow.steps[1]!.dependencies).toEqual(['a']);
  });

  it('lets our retry win over max_retries, and max_retries 0 means no retry', () => {
    const workflow = parseWorkflow({ name: 'up', steps: [{ ...upstreamStep('a'), retry: 1 }, { ...upstreamStep('b'), max_retries: 0 }] });
    expect(workflow.steps[0]!.retry?.count).toBe(1);
    expect(workflow.steps[1]).not.toHaveProperty('retry');
  });

  it('reads null as unset for every optional step field', () => {
    const step = { name: 'a', module: 'shell', action: 'run', parameters: null, dependencies: null, resources: null, runWhen: null, continueOnError: null, priority: null, ui: null, retry: null };
    const workflow = parseWorkflow({ name: 'up', steps: [step] });
    expect(workflow.steps[0]).toMatchObject({ parameters: {}, dependencies: [], runWhen: 'success', continueOnError: false, priority: 'normal' });
  });

  it('refuses a misspelt key, naming the step, the field and the key it meant', () => {
    const problems = problemsOf({ name: 'up', steps: [{ name: 'a', module: 'shell', action: 'run', dependencys: [] }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('a|dependencys|unknown step field (did you mean "dependencies"?)');
    expect(problemsOf({ name: 'up', steps: [{ name: 'a', module: 'shell', action: 'run', maxRetries: 2 }] })[0]).toContain('did you mean "max_retries"');
    expect(problemsOf({ name: 'up', steps: [{ name: 'a', module: 'shell', action: 'run', zzzzzzzzzz: 1 }] })[0]).toBe('a|zzzzzzzzzz|unknown step field (keys for tools go under ui or start with "x-")');
  });

  it('leaves keys under ui and x-* keys free for tools', () => {
    const workflow = parseWorkflow({ name: 'up', steps: [{ name: 'a', module: 'shell', action: 'run', ui: { x: 1, anything: { deep: true } }, 'x-foo': 'bar' }] });
    expect(workflow.steps[0]!.ui).toEqual({ x: 1, anything: { deep: true } });
  });
});

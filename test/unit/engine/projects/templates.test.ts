// The built-in project templates: valid workflows against the real actions, and a project name fills in cleanly.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createBuiltinRegistry } from '../../../../electron/engine/actions/builtin.js';
import { builtinTemplate, builtinTemplates } from '../../../../electron/engine/projects/templates/index.js';
import type { ProjectTemplate } from '../../../../electron/engine/projects/templates/template.js';
import type { Workflow } from '../../../../shared/model.js';
import { validateWorkflow } from '../../../../shared/validate.js';
import { parseWorkflow } from '../../../../shared/workflow-schema.js';

const PLACEHOLDER = '{{projectName}}';
// Characters that break YAML plain scalars and shell words; workflows must only use the name where that is safe.
const AWKWARD_NAME = 'Ünïcode: "quoted" #1 & co\'s';
const catalog = createBuiltinRegistry();

/** Fills a template in as the ProjectManager does: every placeholder replaced by the project's name. */
function fill(template: ProjectTemplate, projectName: string): Pick<ProjectTemplate, 'files' | 'workflows'> {
  const replace = (record: Record<string, string>) =>
    Object.fromEntries(Object.entries(record).map(([key, text]) => [key, text.replaceAll(PLACEHOLDER, projectName)]));
  return { files: replace(template.files), workflows: replace(template.workflows) };
}

function workflowsOf(template: ProjectTemplate, projectName = 'demo'): [string, Workflow][] {
  return Object.entries(fill(template, projectName).workflows).map(([name, yaml]) => [name, parseWorkflow(parse(yaml), `${name}.yaml`)]);
}

/** Scripts that shell steps run with `node <path>`. */
function scriptsRun(workflow: Workflow): string[] {
  const commands = workflow.steps.filter((step) => step.module === 'shell').map((step) => String(step.parameters.command));
  return commands.flatMap((command) => [...command.matchAll(/\bnode ((?:[\w.-]+\/)+[\w.-]+\.m?js)\b/g)].map((match) => match[1]!));
}

describe.each(builtinTemplates().map((template) => [template.name, template] as const))('the %s template', (_name, template) => {
  it('ships two or three workflows, each named as its file', () => {
    const workflows = workflowsOf(template);
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    expect(workflows.length).toBeLessThanOrEqual(3);
    for (const [file, workflow] of workflows) expect(workflow.name).toBe(file);
  });

  it('names every step once and depends only on steps that exist', () => {
    for (const [, workflow] of workflowsOf(template)) {
      const names = workflow.steps.map((step) => step.name);
      expect(new Set(names).size).toBe(names.length);
      for (const step of workflow.steps) for (const dependency of step.dependencies) expect(names).toContain(dependency);
    }
  });

  it('passes validation against the built-in actions: parameters, templates and the graph', () => {
    for (const [file, workflow] of workflowsOf(template)) {
      expect(validateWorkflow(workflow, { catalog, resourceCapacities: new Map(), env: { HOME: '/home/me' }, file })).toEqual([]);
    }
  });

  it('makes real DAGs: a fan-in, an output passed along, and a step that always runs', () => {
    for (const [, workflow] of workflowsOf(template)) {
      expect(workflow.steps.some((step) => step.dependencies.length >= 2)).toBe(true);
      expect(workflow.steps.some((step) => JSON.stringify(step.parameters).includes('${{ steps.'))).toBe(true);
      expect(workflow.steps.some((step) => step.runWhen === 'always')).toBe(true);
    }
  });

  it('ships every script its workflows run', () => {
    for (const [, workflow] of workflowsOf(template)) {
      for (const script of scriptsRun(workflow)) expect(Object.keys(template.files)).toContain(script);
    }
  });

  it('leaves no placeholder once a project name is filled in', () => {
    const filled = fill(template, 'demo');
    for (const text of [...Object.values(filled.files), ...Object.values(filled.workflows)]) expect(text).not.toContain(PLACEHOLDER);
    expect(Object.keys(filled.files)).toContain('package.json');
    expect(JSON.parse(filled.files['package.json']!)).toMatchObject({ name: 'demo' });
  });

  it('keeps its workflows intact whatever characters the project name holds', () => {
    const plain = workflowsOf(template);
    const awkward = workflowsOf(template, AWKWARD_NAME);
    expect(awkward.map(([, workflow]) => workflow.steps.map((step) => [step.name, step.dependencies]))).toEqual(
      plain.map(([, workflow]) => workflow.steps.map((step) => [step.name, step.dependencies])),
    );
    for (const [, workflow] of awkward) {
      const commands = workflow.steps.map((step) => String(step.parameters.command ?? ''));
      for (const command of commands) expect(command).not.toContain(AWKWARD_NAME);
    }
  });

  it('keeps every file and folder inside the project', () => {
    for (const path of [...template.directories, ...Object.keys(template.files)]) {
      expect(path.startsWith('/') || path.split('/').includes('..')).toBe(false);
    }
  });
});

describe('builtinTemplate', () => {
  it('finds the templates by their upstream names', () => {
    expect(builtinTemplates().map((template) => template.name)).toEqual(['web_application', 'data_pipeline', 'ai_analysis', 'node_package']);
    expect(builtinTemplate('data_pipeline')?.name).toBe('data_pipeline');
    expect(builtinTemplate('nope')).toBeUndefined();
  });
});

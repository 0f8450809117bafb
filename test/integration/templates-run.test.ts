import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTemplates } from '../../electron/engine/projects/templates/index.js';
import { newEngine, tempDir } from '../helpers.js';

describe('built-in project templates', () => {
  it('ship web_application, data_pipeline, ai_analysis and node_package', () => {
    expect(builtinTemplates().map((t) => t.name).sort()).toEqual(['ai_analysis', 'data_pipeline', 'node_package', 'web_application']);
  });

  for (const template of builtinTemplates()) {
    it(`${template.name}: every workflow runs to success right after the project is created`, async () => {
      const engine = newEngine();
      const project = engine.projectManager.createProject({ name: `demo-${template.name}`, parentDir: tempDir(), template: template.name });
      expect(existsSync(join(project.path, '.codomyrmex', 'config.json'))).toBe(true);
      const { sessionId } = engine.createSession('template check', { projectId: project.id });
      for (const name of Object.keys(template.workflows)) {
        const execution = await engine.executeWorkflowInSession(sessionId, name);
        const failures = Object.entries(execution.steps).filter(([, run]) => run.status !== 'succeeded').map(([step, run]) => `${step}: ${run.status} ${run.error ?? run.reason ?? ''}\n${run.logTail}`);
        expect(failures, `${template.name}/${name}`).toEqual([]);
        expect(execution).toMatchObject({ status: 'completed', projectId: project.id, sessionId });
      }
    }, 120_000);
  }
});

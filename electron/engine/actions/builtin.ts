// The actions every engine starts with: one import per module file.
import { actions as codeQuality } from './code-quality.js';
import { actions as control } from './control.js';
import { actions as environmentSetup } from './environment-setup.js';
import { actions as file } from './file.js';
import { actions as http } from './http.js';
import { ActionRegistry } from './registry.js';
import { actions as shell } from './shell.js';
import { actions as staticAnalysis } from './static-analysis.js';
import { actions as workflow } from './workflow.js';

export function createBuiltinRegistry(): ActionRegistry {
  return new ActionRegistry().register(...shell, ...control, ...file, ...http, ...environmentSetup, ...staticAnalysis, ...codeQuality, ...workflow);
}

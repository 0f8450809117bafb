// The templates every engine starts with, as upstream's ProjectManager ships them, plus node_package.
import { AI_ANALYSIS_TEMPLATE } from './ai-analysis.js';
import { DATA_PIPELINE_TEMPLATE } from './data-pipeline.js';
import { NODE_PACKAGE_TEMPLATE } from './node-package.js';
import type { ProjectTemplate } from './template.js';
import { WEB_APPLICATION_TEMPLATE } from './web-application.js';

export const BUILTIN_TEMPLATES: readonly ProjectTemplate[] = [WEB_APPLICATION_TEMPLATE, DATA_PIPELINE_TEMPLATE, AI_ANALYSIS_TEMPLATE, NODE_PACKAGE_TEMPLATE];

export function builtinTemplate(name: string): ProjectTemplate | undefined {
  return BUILTIN_TEMPLATES.find((template) => template.name === name);
}

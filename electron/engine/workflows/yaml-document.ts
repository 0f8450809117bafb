// The `yaml` library's document model, loaded on first use: only saving a workflow needs it, running never does.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { sizeProblem } from '../../../shared/workflow-limits.js';

let library: typeof Yaml | null = null;

export function yamlLibrary(): typeof Yaml {
  return (library ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

/**
 * A file's text as an editable document, or null when it cannot be one (too large, or not clean YAML: too deep for the
 * parser, a syntax error). Aliases stay alias nodes: a save edits the document and prints it, never calling `toJS`, so
 * an alias bomb is never expanded here (were it ever, the library's `maxAliasCount` guard applies; the values a file
 * holds are read by js-yaml and counted by WORKFLOW_LIMITS).
 */
export function parseYamlDocument(text: string): Yaml.Document | null {
  if (sizeProblem(Buffer.byteLength(text)) !== null) return null;
  try {
    const document = yamlLibrary().parseDocument(text);
    return document.errors.length > 0 ? null : document;
  } catch {
    // The library reports its own stack overflows as document errors; anything else it throws means the same: no document.
    return null;
  }
}

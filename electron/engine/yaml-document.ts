// The `yaml` library's document model, loaded on first use: only saving a workflow needs it, running never does.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let library: typeof Yaml | null = null;

export function yamlLibrary(): typeof Yaml {
  return (library ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}

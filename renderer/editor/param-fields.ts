// An action's parameter JSON Schema as the inspector's form fields: which input each parameter gets.
export type FieldKind = 'text' | 'multiline' | 'number' | 'boolean' | 'enum' | 'map' | 'list' | 'json';

export interface ParamField {
  key: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  options: string[];
  defaultValue: unknown;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  additionalProperties?: boolean | Schema;
  description?: string;
  default?: unknown;
  maxLength?: number;
  format?: string;
};

/** Parameters whose values are usually long or multi-line: a command editor rather than a one-line input. */
const LONG_TEXT = new Set(['command', 'script', 'body', 'content', 'text', 'code', 'query']);

const typesOf = (schema: Schema): string[] => {
  if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
  return (schema.anyOf ?? schema.oneOf ?? []).flatMap(typesOf);
};

function kindOf(key: string, schema: Schema): { kind: FieldKind; options: string[] } {
  const choices = schema.enum ?? (schema.anyOf ?? schema.oneOf)?.map((option) => option.const);
  if (choices !== undefined && choices.length > 0 && choices.every((choice) => typeof choice === 'string')) return { kind: 'enum', options: choices as string[] };
  const types = typesOf(schema);
  if (types.includes('string')) return { kind: LONG_TEXT.has(key) || (schema.maxLength ?? 0) > 200 ? 'multiline' : 'text', options: [] };
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) return { kind: 'number', options: [] };
  if (types.length === 1 && types[0] === 'boolean') return { kind: 'boolean', options: [] };
  if (types.includes('array') && schema.items !== undefined && typesOf(schema.items).every((type) => type === 'string')) return { kind: 'list', options: [] };
  if (types.includes('object') && schema.properties === undefined && schema.additionalProperties !== false) return { kind: 'map', options: [] };
  return { kind: 'json', options: [] };
}

export function paramFields(paramsSchema: unknown): ParamField[] {
  const schema = (paramsSchema ?? {}) as Schema;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([key, property]) => ({
    key,
    ...kindOf(key, property),
    required: required.has(key),
    description: property.description ?? '',
    defaultValue: property.default,
  }));
}

/** What a number input's text means: a number, a template kept as text, or nothing (the field cleared). */
export function parseNumberInput(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) && !trimmed.includes('${{') ? value : text;
}

/**
 * Renders the operation reference of docs/websocket-api.md from the operations table and protocol v2's own
 * operations, so the document cannot drift from the code (docs.test.ts compares them).
 */
import { z } from 'zod';
import { ROUTES } from '../../http/routes.js';
import { operations } from '../../../operations/table.js';
import type { Operation } from '../../../operations/define.js';
import { V2_BUILTINS } from '../v2/builtins.js';
import { OPERATION_NOTES } from './notes.js';

export const BEGIN_MARK =
  '<!-- BEGIN GENERATED: operation reference (npx tsx main/server/transports/ws/docs/generate.ts) -->';
export const END_MARK = '<!-- END GENERATED: operation reference -->';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  default?: unknown;
}

function typeText(s: JsonSchema): string {
  if (s.anyOf) {
    const parts = s.anyOf.map(typeText).filter((t) => t !== 'null');
    const nullable = s.anyOf.some((p) => p.type === 'null');
    return [...new Set(parts)].join(' | ') + (nullable ? ' | null' : '');
  }
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  if (t === 'array' && s.items) return `${typeText(s.items)}[]`;
  const bounds: string[] = [];
  if (s.minimum !== undefined) bounds.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) bounds.push(`≤ ${s.maximum}`);
  if (s.minLength !== undefined && s.minLength > 0) bounds.push(`length ≥ ${s.minLength}`);
  if (s.maxLength !== undefined) bounds.push(`length ≤ ${s.maxLength}`);
  if (s.format) bounds.push(s.format);
  return bounds.length > 0 ? `${t} (${bounds.join(', ')})` : t;
}

/** The object schema of an input (unions of "object or nothing" reduce to the object). */
function objectSchema(schema: z.ZodType): JsonSchema | null {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
  if (json.properties) return json;
  const obj = json.anyOf?.find((s) => s.properties);
  return obj ?? null;
}

function inputLines(schema: z.ZodType): { lines: string[]; required: string[] } {
  const obj = objectSchema(schema);
  const props = Object.entries(obj?.properties ?? {});
  if (props.length === 0) return { lines: ['none'], required: [] };
  const required = obj?.required ?? [];
  return {
    lines: props.map(
      ([name, s]) => `\`${name}\`: ${typeText(s)}${required.includes(name) ? ', required' : ''}`,
    ),
    required,
  };
}

function placeholder(s: JsonSchema | undefined): unknown {
  const t = s?.anyOf?.[0]?.type ?? s?.type;
  if (t === 'number' || t === 'integer') return 1;
  if (t === 'boolean') return true;
  if (t === 'object') return {};
  return 'text';
}

function example(name: string, schema: z.ZodType | null): string {
  let data = OPERATION_NOTES[name]?.example;
  if (!data && schema) {
    const obj = objectSchema(schema);
    data = Object.fromEntries((obj?.required ?? []).map((k) => [k, placeholder(obj?.properties?.[k])]));
  }
  return JSON.stringify({ type: 'request', id: '1', operation: name, data: data ?? {} });
}

function twinOf(name: string): string | null {
  const routes = ROUTES.filter((r) => r.operation === name).map((r) => `\`${r.method} ${r.path}\``);
  return routes.length > 0 ? routes.join(', ') : null;
}

function entry(
  name: string,
  auth: 'public' | 'admin',
  summary: string,
  schema: z.ZodType | null,
  aliases: readonly string[],
): string {
  const note = OPERATION_NOTES[name] ?? {};
  const twin = twinOf(name);
  const input = schema ? inputLines(schema) : { lines: ['see the description'], required: [] };
  const errors = [
    ...(auth === 'admin' ? ['AUTH_REQUIRED'] : []),
    ...(input.required.length > 0 || name === 'events.subscribe' ? ['VALIDATION_ERROR'] : []),
    ...(note.errors ?? []),
  ];
  const meta = [`**Auth:** ${auth}`];
  if (aliases.length > 0) meta.push(`**Aliases:** ${aliases.map((a) => `\`${a}\``).join(', ')}`);
  if (twin) meta.push(`**HTTP twin:** ${twin}`);
  const output =
    note.output ?? (twin ? 'the JSON body of its HTTP twin (docs/http-api.md)' : 'see the description');
  return [
    `### \`${name}\``,
    '',
    summary,
    '',
    meta.join(' · '),
    '',
    `- **Input** (\`data\`): ${input.lines.join('; ')}`,
    `- **Output** (\`data\` of the response): ${output}`,
    `- **Errors:** ${errors.length > 0 ? errors.map((e) => (e.includes(' ') ? e : `\`${e}\``)).join(', ') : 'none beyond the generic ones'}`,
    `- **Example:** \`${example(name, schema)}\``,
    '',
  ].join('\n');
}

const GROUPS: { title: string; match: (name: string) => boolean }[] = [
  { title: 'Protocol operations', match: (n) => /^(auth|events|state|system)\./.test(n) },
  { title: 'Public information', match: (n) => n.startsWith('public.') },
  { title: 'Queue (callers)', match: (n) => n.startsWith('queue.') },
  { title: 'Operator (admin)', match: (n) => n.startsWith('admin.') },
  { title: 'Other', match: () => true },
];

export function renderOperationReference(): string {
  const all: { name: string; render: () => string }[] = [
    ...V2_BUILTINS.map((b) => ({
      name: b.name,
      render: () => entry(b.name, b.auth, b.summary, b.input, []),
    })),
    ...operations.map((op: Operation) => ({
      name: op.name,
      render: () => entry(op.name, op.auth, op.summary, op.input, op.aliases ?? []),
    })),
  ];
  const out: string[] = [BEGIN_MARK, ''];
  const done = new Set<string>();
  for (const g of GROUPS) {
    const items = all
      .filter((i) => !done.has(i.name) && g.match(i.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (items.length === 0) continue;
    out.push(`### ${g.title}`, '');
    for (const i of items) {
      done.add(i.name);
      out.push(i.render().replace(/^### /, '#### '));
    }
  }
  out.push(END_MARK);
  return out.join('\n');
}

/** Replaces the generated block of a document with a fresh one. */
export function withFreshReference(doc: string): string {
  const start = doc.indexOf(BEGIN_MARK);
  const end = doc.indexOf(END_MARK);
  if (start < 0 || end < start) throw new Error('the document has no generated operation reference block');
  return doc.slice(0, start) + renderOperationReference() + doc.slice(end + END_MARK.length);
}

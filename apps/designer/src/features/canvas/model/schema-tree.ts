import type { JsonSchema } from '../../specs/api/specs.api';

export interface SchemaField {
  /** Dot path from the document root. */
  path: string;
  name: string;
  depth: number;
  type: string;
  /** Required by its parent object. */
  required: boolean;
  description?: string;
  hasChildren: boolean;
}

function resolvePointer(root: JsonSchema, ref: string): JsonSchema | undefined {
  const hash = ref.indexOf('#');
  if (hash < 0) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(hash + 1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}

/** Follows $ref chains and picks the non-null branch of nullable unions, merging allOf. */
function deref(root: JsonSchema, schema: JsonSchema, seen = new Set<string>()): JsonSchema {
  let s = schema;
  while (typeof s.$ref === 'string' && !seen.has(s.$ref)) {
    seen.add(s.$ref);
    const target = resolvePointer(root, s.$ref);
    if (!target) break;
    const { $ref: _ref, ...rest } = s;
    s = { ...target, ...rest };
  }
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) {
    const branches = union.filter((b) => b.type !== 'null');
    if (branches.length === 1) s = { ...deref(root, branches[0], seen), ...(s.description ? { description: s.description } : {}) };
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as JsonSchema[]).map((p) => deref(root, p, seen));
    s = {
      ...s,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), s.properties ?? {}),
      required: [...parts.flatMap((p) => (p.required as string[] | undefined) ?? []), ...((s.required as string[] | undefined) ?? [])],
    };
  }
  return s;
}

function typeName(s: JsonSchema): string {
  const t = s.type;
  if (Array.isArray(t)) return t.filter((x) => x !== 'null').join('|') || 'null';
  if (typeof t === 'string') return t;
  if (s.properties) return 'object';
  if (s.enum) return 'enum';
  return 'any';
}

/** Flattens a JSON Schema into rows for a tree; arrays are leaves, nesting stops at maxDepth. */
export function flattenSchema(root: JsonSchema | undefined, maxDepth = 3): SchemaField[] {
  if (!root) return [];
  const out: SchemaField[] = [];
  const walk = (schema: JsonSchema, base: string, depth: number) => {
    const s = deref(root, schema);
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [name, child] of Object.entries(props)) {
      const c = deref(root, child);
      const path = base ? `${base}.${name}` : name;
      const type = typeName(c);
      const hasChildren = type.includes('object') && !!c.properties && depth + 1 < maxDepth;
      out.push({ path, name, depth, type, required: required.has(name), description: (c.description ?? child.description) as string | undefined, hasChildren });
      if (hasChildren) walk(c, path, depth + 1);
    }
  };
  walk(root, '', 0);
  return out;
}

/** Dot paths of every value in a sample document (arrays are not descended), for completion. */
export function samplePaths(sample: unknown, base = '', out: string[] = []): string[] {
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return out;
  for (const [k, v] of Object.entries(sample as Record<string, unknown>)) {
    const path = base ? `${base}.${k}` : k;
    out.push(path);
    if (v && typeof v === 'object' && !Array.isArray(v)) samplePaths(v, path, out);
  }
  return out;
}

/**
 * Required target fields nothing writes: a field counts as written when a rule targets it, a parent of it
 * (a whole object) or a child of it; nested required fields count only once their parent object is being built.
 */
export function unmappedRequired(fields: SchemaField[], targets: string[]): SchemaField[] {
  const written = (p: string) => targets.some((t) => t === p || p.startsWith(`${t}.`) || t.startsWith(`${p}.`));
  const built = (p: string) => targets.some((t) => t.startsWith(`${p}.`));
  return fields.filter((f) => {
    if (!f.required || written(f.path)) return false;
    const parent = f.path.includes('.') ? f.path.slice(0, f.path.lastIndexOf('.')) : '';
    return parent === '' || built(parent);
  });
}

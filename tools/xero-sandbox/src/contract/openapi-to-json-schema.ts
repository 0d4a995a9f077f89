/**
 * Translates OpenAPI 3.0 schema objects into JSON Schema (draft-07) that ajv understands.
 *
 * OpenAPI 3.0 is "JSON Schema with dialect quirks": `nullable` instead of a type union,
 * `readOnly` properties that a client must not be held to, `$ref` siblings that must be
 * ignored, vendor `x-*` keys and numeric formats (`double`, `int32`) ajv has never heard of.
 */

export type JsonSchema = Record<string, unknown>;

export interface TranslateOptions {
  /** Where translated component schemas will live in the output document. */
  definitionsPointer: string;
  /** Request bodies: Xero ignores readOnly properties on input, so they are accepted unchecked. */
  direction: 'request' | 'response';
}

const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;

/** Keys that are JSON Schema in both dialects and are copied through after their children are translated. */
const PASS_THROUGH = new Set([
  'type', 'enum', 'format', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties',
  'required', 'description', 'title',
]);

/** Formats Xero uses that carry no constraint beyond the JSON type; ajv must still know their names. */
export const OPENAPI_NUMERIC_FORMATS = ['double', 'float', 'int32', 'int64', 'decimal'] as const;

/** Xero dates: `2025-04-01`, `2025-04-01T00:00:00` or the WCF form `/Date(1573755038314+0000)/`. */
export const XERO_DATE_FORMAT = 'xero-date';
export const XERO_DATE_PATTERN = /^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?|\/Date\(-?\d+([+-]\d{4})?\)\/)$/;

export function translateSchema(schema: unknown, options: TranslateOptions): JsonSchema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    return {};
  }
  const source = schema as Record<string, unknown>;

  if (typeof source.$ref === 'string') {
    // OpenAPI 3.0: every sibling of $ref is ignored (Xero writes `$ref` + `type: string` for enums).
    return { $ref: translateRef(source.$ref, options) };
  }

  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (PASS_THROUGH.has(key)) {
      out[key] = value;
    }
  }

  if (source['x-is-msdate'] === true || source['x-is-msdate-time'] === true) {
    out.format = XERO_DATE_FORMAT;
  }

  if (source.properties && typeof source.properties === 'object') {
    const properties: Record<string, JsonSchema> = {};
    const skipped: string[] = [];
    for (const [name, prop] of Object.entries(source.properties as Record<string, unknown>)) {
      if (options.direction === 'request' && isReadOnly(prop)) {
        skipped.push(name);
        continue;
      }
      properties[name] = translateSchema(prop, options);
    }
    out.properties = properties;
    if (Array.isArray(out.required) && skipped.length > 0) {
      out.required = (out.required as string[]).filter((name) => !skipped.includes(name));
    }
  }
  if (source.items !== undefined) {
    out.items = translateSchema(source.items, options);
  }
  if (source.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof source.additionalProperties === 'boolean'
        ? source.additionalProperties
        : translateSchema(source.additionalProperties, options);
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(source[combinator])) {
      out[combinator] = (source[combinator] as unknown[]).map((s) => translateSchema(s, options));
    }
  }
  if (source.not !== undefined) {
    out.not = translateSchema(source.not, options);
  }

  if (source.nullable === true) {
    return makeNullable(out);
  }
  return out;
}

/** Translates every component schema into a `definitions` map addressable by `definitionsPointer`. */
export function translateComponents(components: Record<string, unknown>, options: TranslateOptions): Record<string, JsonSchema> {
  const definitions: Record<string, JsonSchema> = {};
  for (const [name, schema] of Object.entries(components)) {
    definitions[name] = translateSchema(schema, options);
  }
  return definitions;
}

function translateRef(ref: string, options: TranslateOptions): string {
  const match = COMPONENT_REF.exec(ref);
  if (!match) {
    return ref;
  }
  return `${options.definitionsPointer}/${match[1]}`;
}

function isReadOnly(prop: unknown): boolean {
  return typeof prop === 'object' && prop !== null && (prop as Record<string, unknown>).readOnly === true;
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') {
    const nullable: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) {
      nullable.enum = [...(schema.enum as unknown[]), null];
    }
    return nullable;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import {
  OPENAPI_NUMERIC_FORMATS,
  XERO_DATE_FORMAT,
  XERO_DATE_PATTERN,
  translateComponents,
  translateSchema,
} from './openapi-to-json-schema';

/** One schema violation, tied to the element of the batch it belongs to when it can be. */
export interface ContractViolation {
  /** Index in the top-level collection (`Invoices[i]`); undefined when the envelope itself is wrong. */
  elementIndex?: number;
  message: string;
}

export type ContractCheck = { ok: true } | { ok: false; violations: ContractViolation[] };

const DOCUMENT_ID = 'xero-accounting.json';
const DEFINITIONS = `${DOCUMENT_ID}#/definitions`;

/** Walks up from `start` to the directory whose package.json names the monorepo. */
export function findRepoRoot(start: string = __dirname): string {
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === 'mapwright') {
        return dir;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`XERO_SANDBOX_REPO_ROOT_NOT_FOUND: no mapwright package.json above ${start}`);
    }
    dir = parent;
  }
}

export function defaultContractPath(): string {
  return path.resolve(findRepoRoot(), '..', 'shared', 'contracts', 'xero', 'xero_accounting.yaml');
}

/**
 * Request-body validation against Xero's published Accounting OpenAPI document.
 * Schemas come from the operation's own `requestBody`, so the sandbox checks exactly what Xero publishes.
 */
export class XeroContractValidator {
  private readonly ajv: Ajv;
  private readonly paths: Record<string, Record<string, any>>;
  private readonly compiled = new Map<string, ValidateFunction | null>();

  constructor(contractPath: string = defaultContractPath()) {
    const document = parseYaml(readFileSync(contractPath, 'utf8'), { maxAliasCount: -1 }) as {
      paths: Record<string, Record<string, any>>;
      components: { schemas: Record<string, unknown> };
    };
    this.paths = document.paths;
    // allErrors: Xero reports every problem of a document at once, not the first one.
    this.ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(this.ajv, ['uuid', 'date', 'date-time', 'email', 'uri']);
    for (const format of OPENAPI_NUMERIC_FORMATS) {
      this.ajv.addFormat(format, { type: 'number', validate: () => true });
    }
    this.ajv.addFormat(XERO_DATE_FORMAT, { type: 'string', validate: (value: string) => XERO_DATE_PATTERN.test(value) });
    this.ajv.addSchema(
      {
        $id: DOCUMENT_ID,
        definitions: translateComponents(document.components.schemas, { definitionsPointer: '#/definitions', direction: 'request' }),
      },
      DOCUMENT_ID,
    );
  }

  /** Whether the contract defines a JSON request body for this operation. */
  hasRequestBody(method: string, pathTemplate: string): boolean {
    return this.validatorFor(method, pathTemplate) !== null;
  }

  validateRequest(method: string, pathTemplate: string, body: unknown): ContractCheck {
    const validate = this.validatorFor(method, pathTemplate);
    if (!validate) {
      throw new Error(`XERO_SANDBOX_NO_CONTRACT: ${method.toUpperCase()} ${pathTemplate} has no request body in the contract`);
    }
    if (validate(body)) {
      return { ok: true };
    }
    return { ok: false, violations: (validate.errors ?? []).map(toViolation) };
  }

  private validatorFor(method: string, pathTemplate: string): ValidateFunction | null {
    const key = `${method.toLowerCase()} ${pathTemplate}`;
    if (!this.compiled.has(key)) {
      const operation = this.paths[pathTemplate]?.[method.toLowerCase()];
      const schema = operation?.requestBody?.content?.['application/json']?.schema;
      this.compiled.set(
        key,
        schema ? this.ajv.compile(translateSchema(schema, { definitionsPointer: DEFINITIONS, direction: 'request' })) : null,
      );
    }
    return this.compiled.get(key) ?? null;
  }
}

function toViolation(error: ErrorObject): ContractViolation {
  const segments = error.instancePath.split('/').filter(Boolean);
  const elementIndex = segments.length >= 2 && /^\d+$/.test(segments[1]) ? Number(segments[1]) : undefined;
  const field = segments
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
    .replace(/^\./, '');
  let detail = error.message ?? 'is invalid';
  if (error.keyword === 'enum') {
    detail = `must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).slice(0, 12).join(', ')}`;
  } else if (error.keyword === 'format' && (error.params as { format: string }).format === XERO_DATE_FORMAT) {
    detail = 'must be a date (YYYY-MM-DD) or /Date(ms)/';
  }
  return { elementIndex, message: field ? `${field} ${detail}` : `The request body ${detail}` };
}

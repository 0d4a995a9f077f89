import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { SpecCatalogError } from './spec-catalog.error';
import type { SpecDiffSample } from './types';

/**
 * Reads diff samples from a folder: `*.json` files are one input each; `*.yaml` files may be test cases
 * (their `input` is used) or bare inputs.
 */
export function loadSpecSamples(dir: string): SpecDiffSample[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile() && /\.(json|ya?ml)$/.test(f)).sort();
  } catch (err) {
    throw new SpecCatalogError('MW_SAMPLES_UNREADABLE', `cannot read samples folder ${dir}: ${(err as Error).message}`);
  }
  return entries.map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    let value: unknown;
    try {
      value = name.endsWith('.json') ? JSON.parse(text) : parse(text);
    } catch (err) {
      throw new SpecCatalogError('MW_SAMPLES_UNREADABLE', `sample ${name} is not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
    }
    const isCase = name.endsWith('.json') === false && value !== null && typeof value === 'object' && 'input' in value && 'name' in value;
    if (isCase) {
      const tc = value as { name: string; input: unknown; bindings?: Record<string, unknown>; now?: string };
      return { name: tc.name, input: tc.input, ...(tc.bindings ? { bindings: tc.bindings } : {}), ...(tc.now ? { now: tc.now } : {}) };
    }
    return { name: basename(name).replace(/\.(json|ya?ml)$/, ''), input: value };
  });
}

/**
 * Reads the JSONata project's language-neutral test suite (groups/<name>/case*.json
 * plus datasets/) and runs one case through a compiled expression. Used by the
 * differential spec; kept apart so the spec stays a list of assertions.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileJsonata, CompiledFunction } from './index';

export interface SuiteCase {
  id: string;
  expr: string;
  data?: unknown;
  dataset?: string | null;
  bindings?: Record<string, unknown>;
  timelimit?: number;
  depth?: number;
  result?: unknown;
  undefinedResult?: boolean;
  code?: string;
  token?: string;
  error?: { code?: string; token?: string; message?: string };
  'expr-file'?: string;
}

export function loadSuite(root: string): SuiteCase[] | undefined {
  const groupsDir = join(root, 'groups');
  if (!existsSync(groupsDir)) return undefined;
  const datasets: Record<string, unknown> = {};
  const datasetsDir = join(root, 'datasets');
  for (const file of readdirSync(datasetsDir)) {
    if (file.endsWith('.json')) datasets[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(datasetsDir, file), 'utf8'));
  }
  const cases: SuiteCase[] = [];
  for (const group of readdirSync(groupsDir).sort()) {
    for (const file of readdirSync(join(groupsDir, group)).sort()) {
      if (!file.endsWith('.json')) continue;
      const parsed = JSON.parse(readFileSync(join(groupsDir, group, file), 'utf8'));
      const list: SuiteCase[] = Array.isArray(parsed) ? parsed : [parsed];
      list.forEach((c, i) => {
        const data = 'data' in c ? c.data : c.dataset ? datasets[c.dataset] : undefined;
        const expr = c['expr-file'] !== undefined ? readFileSync(join(groupsDir, group, c['expr-file']), 'utf8') : c.expr;
        const code = c.code ?? c.error?.code;
        cases.push({ ...c, expr, code, data, id: `${group}/${file}${list.length > 1 ? `#${i}` : ''}` });
      });
    }
  }
  return cases;
}

/** JSON text with object keys sorted, so comparisons ignore property order as deep-equal does. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]]));
    }
    return v;
  });
}

/** JSON view of a result; function values (which JSON cannot hold) become a marker. */
export function normalise(value: unknown): unknown {
  if (value === undefined) return undefined;
  const seen = new Set<unknown>();
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v === 'function' || (v && typeof v === 'object' && (v._jsonata_lambda === true || v._jsonata_function === true))) return '[function]';
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[cycle]';
      seen.add(v);
    }
    return v;
  });
  return text === undefined ? undefined : JSON.parse(text);
}

export type Outcome = { kind: 'value'; value: unknown } | { kind: 'error'; code: string | undefined; message: string };

export function run(fn: CompiledFunction, c: SuiteCase, guarded: boolean): Outcome {
  const guard = guarded || c.timelimit !== undefined || c.depth !== undefined
    ? { deadline: Date.now() + (c.timelimit ?? 60_000), maxDepth: c.depth ?? Number.MAX_SAFE_INTEGER }
    : undefined;
  try {
    return { kind: 'value', value: normalise(fn(c.data, c.bindings ?? {}, guard)) };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    return { kind: 'error', code: e?.code, message: String(e?.message ?? err) };
  }
}

/** Undefined when the outcome matches the case's expectation, otherwise a description. */
export function mismatch(c: SuiteCase, outcome: Outcome): string | undefined {
  if (c.code !== undefined) {
    if (outcome.kind === 'error' && outcome.code === c.code) return undefined;
    return `expected error ${c.code}, got ${JSON.stringify(outcome)}`;
  }
  if (outcome.kind === 'error') return `unexpected error ${outcome.code}: ${outcome.message}`;
  if (c.undefinedResult) return outcome.value === undefined ? undefined : `expected undefined, got ${JSON.stringify(outcome.value)}`;
  const expected = canonical(normalise(c.result));
  const actual = canonical(outcome.value);
  return expected === actual ? undefined : `expected ${expected}, got ${actual}`;
}

export interface SuiteReport {
  total: number;
  syntaxErrors: number;
  compiled: number;
  failures: string[];
  declined: Record<string, number>;
}

export function runSuite(cases: SuiteCase[]): SuiteReport {
  const report: SuiteReport = { total: cases.length, syntaxErrors: 0, compiled: 0, failures: [], declined: {} };
  for (const c of cases) {
    const compiled = compileJsonata(c.expr);
    if (!compiled.ok) {
      if (compiled.reason.startsWith('syntax error')) report.syntaxErrors++;
      report.declined[compiled.reason] = (report.declined[compiled.reason] ?? 0) + 1;
      continue;
    }
    report.compiled++;
    for (const guarded of [false, true]) {
      const problem = mismatch(c, run(compiled.fn, c, guarded));
      if (problem) {
        report.failures.push(`${c.id}${guarded ? ' (guarded)' : ''}: ${c.expr.trim().slice(0, 120)} -> ${problem.slice(0, 300)}`);
        break;
      }
    }
  }
  return report;
}

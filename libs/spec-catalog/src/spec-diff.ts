import type { MappingEngine } from '@mapwright/mapping-engine';
import { diffJson, generalisePointer } from './json-diff';
import type { LoadedSpecVersion, SampleDiff, SpecDiffReport, SpecDiffSample } from './types';

/** Runs both spec versions over the same samples and reports which output fields change, per sample and in total. */
export async function diffSpecOutputs(
  engine: MappingEngine,
  specA: LoadedSpecVersion,
  specB: LoadedSpecVersion,
  samples: SpecDiffSample[],
): Promise<SpecDiffReport> {
  const results: SampleDiff[] = [];
  const fields: SpecDiffReport['summary']['fields'] = {};
  for (const sample of samples) {
    const opts = { bindings: sample.bindings, now: sample.now };
    const [a, b] = [await engine.run(specA.executable, sample.input, opts), await engine.run(specB.executable, sample.input, opts)];
    if (a.ok && b.ok) {
      const changes = diffJson(a.output, b.output);
      results.push({ name: sample.name, status: changes.length === 0 ? 'unchanged' : 'changed', changes });
      const touched = new Map<string, Set<string>>();
      for (const c of changes) {
        const field = generalisePointer(c.pointer);
        const kinds = touched.get(field) ?? new Set<string>();
        kinds.add(c.kind);
        touched.set(field, kinds);
      }
      for (const [field, kinds] of touched) {
        const entry = (fields[field] ??= { added: 0, removed: 0, changed: 0 });
        for (const k of kinds) entry[k as 'added' | 'removed' | 'changed'] += 1;
      }
    } else if (!a.ok && !b.ok && a.error.code === b.error.code) {
      results.push({ name: sample.name, status: 'both-failed', changes: [], errorBefore: a.error, errorAfter: b.error });
    } else {
      results.push({
        name: sample.name,
        status: 'error-changed',
        changes: [],
        ...(a.ok ? {} : { errorBefore: a.error }),
        ...(b.ok ? {} : { errorAfter: b.error }),
      });
    }
  }
  const count = (s: SampleDiff['status']) => results.filter((r) => r.status === s).length;
  return {
    before: { id: specA.id, version: specA.version },
    after: { id: specB.id, version: specB.version },
    samples: results,
    summary: {
      samples: results.length,
      unchanged: count('unchanged'),
      changed: count('changed'),
      errorChanged: count('error-changed'),
      bothFailed: count('both-failed'),
      fields,
    },
  };
}

/** The default samples for a diff: every test input of both versions, each name once. */
export function samplesFromTests(...specs: LoadedSpecVersion[]): SpecDiffSample[] {
  const seen = new Set<string>();
  const out: SpecDiffSample[] = [];
  for (const spec of specs) {
    for (const tc of spec.tests) {
      if (seen.has(tc.name)) continue;
      seen.add(tc.name);
      out.push({ name: tc.name, input: tc.input, ...(tc.bindings ? { bindings: tc.bindings } : {}), ...(tc.now ? { now: tc.now } : {}) });
    }
  }
  return out;
}

import { useMemo, useState } from 'react';
import { ApiError, HttpClient } from '../../../shared/api/http-client';
import { ruleForPointer } from '../../canvas/model/field-mapping';
import type { MappingModel } from '../../canvas/model/jsonata-mapping';
import { specsApi, SpecTestCase } from '../../specs/api/specs.api';
import { usePreview } from '../hooks/usePreview';
import type { PreviewSample } from '../model/preview-engine';
import { OutputTree } from './OutputTree';

interface Props {
  http: HttpClient;
  specId: string;
  version: string;
  expression: string;
  model: MappingModel;
  tests: SpecTestCase[];
  reference: unknown;
  outputSchema?: object;
  /** Why the runtime preview cannot run now, or null. */
  exactBlockedReason: string | null;
  /** Why a test case cannot be added now, or null. */
  addTestBlockedReason: string | null;
  onAddTest(test: SpecTestCase): void;
  onSelectTarget(target: string): void;
}

export function samplesOf(tests: SpecTestCase[]): PreviewSample[] {
  return tests.map((t) => ({ name: t.name, input: t.input, ...(t.bindings ? { bindings: t.bindings } : {}), ...(t.now ? { now: t.now } : {}) }));
}

/** Live output of the mapping over a named sample, checked against the target schema as you type. */
export function PreviewPanel(props: Props) {
  const { tests, expression, reference, outputSchema, model } = props;
  const samples = useMemo(() => samplesOf(tests), [tests]);
  const [sampleIndex, setSampleIndex] = useState(0);
  const chosen = useMemo(() => (samples[sampleIndex] ? [samples[sampleIndex]] : []), [samples, sampleIndex]);
  const { response, benchmark } = usePreview({ expression, samples: chosen, reference, outputSchema });
  const [picked, setPicked] = useState<string | null>(null);
  const [exact, setExact] = useState<{ text: string; ok: boolean } | null>(null);
  const [bench, setBench] = useState<string | null>(null);
  const [newName, setNewName] = useState('');
  const outcome = response?.outcomes[0];
  const rule = picked ? ruleForPointer(model, picked) : undefined;

  async function runExact() {
    const sample = chosen[0];
    if (!sample) return;
    setExact({ text: 'Running on the runtime…', ok: true });
    try {
      const res = await specsApi(props.http).preview(props.specId, props.version, sample.input, sample.now);
      const same = outcome?.ok && JSON.stringify(res.output) === JSON.stringify(outcome.output);
      setExact({ text: `Runtime ${res.version} in ${res.durationMs} ms${same ? ' — identical to the instant preview' : ' — differs from the instant preview'}:\n${JSON.stringify(res.output, null, 2)}`, ok: true });
    } catch (err) {
      const code = err instanceof ApiError ? err.problem.mappingError?.code ?? err.problem.code : undefined;
      setExact({ text: `${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`, ok: false });
    }
  }

  async function runBenchmark() {
    setBench('Mapping 1,000 records…');
    const first = await benchmark(1000);
    if (!first) {
      setBench('No sample to repeat.');
      return;
    }
    // The first large run pays the JIT's warm-up; the second is what typing sees once the worker is warm.
    const again = await benchmark(1000);
    const warm = again ? `, then ${again.elapsedMs.toFixed(0)} ms warm` : '';
    setBench(`1,000 records mapped and validated in ${first.elapsedMs.toFixed(0)} ms${warm} (in-browser worker, ${first.engine ?? 'no'} evaluator)`);
  }

  function addTest() {
    const sample = chosen[0];
    if (!sample || !outcome) return;
    const expect = outcome.ok ? { output: outcome.output } : { errorCode: outcome.error?.code };
    props.onAddTest({ name: newName.trim(), input: sample.input, ...(sample.now ? { now: sample.now } : {}), ...(sample.bindings ? { bindings: sample.bindings } : {}), expect } as SpecTestCase);
    setNewName('');
  }

  return (
    <section className="preview-panel" aria-label="Live preview">
      <header className="panel-header">
        <h2>Live preview</h2>
        <span className="badge badge-info" title="The engine's compiled evaluator and function library in a Web Worker; the runtime preview is the exact result">instant · in-browser</span>
        {response?.engine && <span className="muted small" data-testid="preview-engine">{response.engine === 'compiled' ? 'compiled' : 'interpreter'}</span>}
      </header>
      {response?.compilerDeclined && <p className="muted small" role="note">The compiler declines this expression ({response.compilerDeclined}); previewed with jsonata's interpreter, as the runtime does.</p>}
      <label className="inline">
        Sample
        <select value={sampleIndex} onChange={(e) => { setSampleIndex(Number(e.target.value)); setExact(null); setPicked(null); }}>
          {samples.map((s, i) => <option key={s.name + i} value={i}>{s.name}</option>)}
        </select>
      </label>
      <div className="preview-output" data-testid="preview-output">
        {!outcome && <p className="muted">No sample yet.</p>}
        {outcome && !outcome.ok && <p className="error" role="alert">{outcome.error?.code}: {outcome.error?.message}</p>}
        {outcome?.ok && <OutputTree value={outcome.output} violations={outcome.violations} picked={picked} onPick={setPicked} />}
        {outcome?.ok && <p className={outcome.violations.length ? 'error small' : 'muted small'}>{outcome.violations.length ? `${outcome.violations.length} target-schema violation(s)` : 'Valid against the target schema'} · {response?.elapsedMs.toFixed(1)} ms</p>}
      </div>
      {picked && (
        <div className="provenance" role="status" aria-label="Rule that produced the field">
          <code>{picked}</code>{' '}
          {rule ? (
            <>produced by the rule for <button type="button" className="link" onClick={() => props.onSelectTarget(rule.target)}>{rule.target}</button>: <code>{rule.expression}</code></>
          ) : 'is not produced by a field rule of the object (it comes from the surrounding expression).'}
        </div>
      )}
      <div className="preview-actions">
        <button type="button" onClick={runExact} disabled={props.exactBlockedReason !== null || chosen.length === 0} title={props.exactBlockedReason ?? 'Runs the saved version on the runtime'}>Run on runtime (exact)</button>
        <button type="button" onClick={runBenchmark} disabled={chosen.length === 0}>Time 1,000 records</button>
      </div>
      {props.exactBlockedReason && <p className="muted small">{props.exactBlockedReason}</p>}
      {bench && <p className="small" data-testid="benchmark-result">{bench}</p>}
      {exact && <pre className={exact.ok ? 'exact-output' : 'exact-output error'} data-testid="exact-output">{exact.text}</pre>}
      <form className="inline" onSubmit={(e) => { e.preventDefault(); addTest(); }} aria-label="Save sample as test case">
        <label>
          New test case
          <input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="name of the case" disabled={props.addTestBlockedReason !== null} />
        </label>
        <button type="submit" disabled={props.addTestBlockedReason !== null || !newName.trim() || !outcome}>Save sample + output as test</button>
      </form>
    </section>
  );
}

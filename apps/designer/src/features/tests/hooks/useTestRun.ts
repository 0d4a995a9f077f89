import { useCallback, useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { PreviewEngine } from '../../preview/model/preview-engine';
import { specsApi, SpecTestCase } from '../../specs/api/specs.api';
import { diffJson, DiffRow } from '../model/json-diff';

export interface CaseResult {
  name: string;
  passed: boolean;
  /** Where it ran: the runtime's preview, or in the browser when the case needs bindings the preview does not take. */
  ranOn: 'runtime' | 'browser';
  diff: DiffRow[];
  actualOutput?: unknown;
  actualError?: string;
  message?: string;
}

/** Runs every test case of the saved version and compares with its expectation. */
export function useTestRun(specId: string, version: string, reference: unknown) {
  const { http } = useSession();
  const api = useMemo(() => specsApi(http), [http]);
  const [results, setResults] = useState<CaseResult[] | null>(null);
  const [running, setRunning] = useState(false);

  const runOne = useCallback(async (t: SpecTestCase, expression: string): Promise<CaseResult> => {
    let output: unknown;
    let errorCode: string | undefined;
    let errorMessage: string | undefined;
    const ranOn = t.bindings && Object.keys(t.bindings).length > 0 ? 'browser' : 'runtime';
    if (ranOn === 'runtime') {
      try {
        output = (await api.preview(specId, version, t.input, t.now)).output;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        errorCode = err.problem.mappingError?.code ?? err.problem.code;
        errorMessage = err.message;
      }
    } else {
      const [o] = (await new PreviewEngine().run({ id: 0, expression, samples: [{ name: t.name, input: t.input, bindings: t.bindings, now: t.now }], reference })).outcomes;
      if (o.ok) output = o.output;
      else {
        errorCode = o.error?.code;
        errorMessage = o.error?.message;
      }
    }
    if (t.expect.errorCode !== undefined) {
      const passed = errorCode === t.expect.errorCode;
      return { name: t.name, passed, ranOn, diff: [], actualOutput: output, actualError: errorCode, message: passed ? undefined : `expected error ${t.expect.errorCode}, got ${errorCode ?? 'an output'}` };
    }
    if (errorCode) return { name: t.name, passed: false, ranOn, diff: [], actualError: errorCode, message: `${errorCode}: ${errorMessage}` };
    const diff = diffJson(t.expect.output, output);
    return { name: t.name, passed: diff.length === 0, ranOn, diff, actualOutput: output };
  }, [api, specId, version, reference]);

  const run = useCallback(async (tests: SpecTestCase[], expression: string) => {
    setRunning(true);
    try {
      const out: CaseResult[] = [];
      for (const t of tests) out.push(await runOne(t, expression));
      setResults(out);
    } finally {
      setRunning(false);
    }
  }, [runOne]);

  return { results, running, run, clear: () => setResults(null) };
}

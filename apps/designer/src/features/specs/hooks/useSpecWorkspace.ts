import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { SpecTestCase, specsApi, VersionDetail, VersionSummary } from '../api/specs.api';
import { nextMinor } from '../model/semver';

export interface SpecWorkspace {
  specId: string;
  history: VersionSummary[];
  detail: VersionDetail | null;
  expression: string;
  tests: SpecTestCase[];
  /** Tables or rules of reference and routing specs. */
  data: unknown;
  dirty: boolean;
  reference: unknown;
  busy: string | null;
  error: string | null;
  notice: string | null;
  setExpression(text: string): void;
  setTests(tests: SpecTestCase[]): void;
  setData(data: unknown): void;
  selectVersion(version: string): Promise<void>;
  newDraft(): Promise<void>;
  save(): Promise<void>;
  submit(): Promise<void>;
  reload(): Promise<void>;
  clearMessages(): void;
}

function describe(err: unknown): string {
  if (err instanceof ApiError) {
    const details = (err.problem.errors ?? []).map((e) => `${e.pointer}: ${e.message}`).join('; ');
    return `${err.message}${details ? ` (${details})` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** One spec open in the designer: its history, the version on screen and the unsaved edits to it. */
export function useSpecWorkspace(specId: string): SpecWorkspace {
  const { http } = useSession();
  const api = useMemo(() => specsApi(http), [http]);
  const [history, setHistory] = useState<VersionSummary[]>([]);
  const [detail, setDetail] = useState<VersionDetail | null>(null);
  const [expression, setExpression] = useState('');
  const [tests, setTests] = useState<SpecTestCase[]>([]);
  const [data, setData] = useState<unknown>(undefined);
  const [reference, setReference] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const open = useCallback(async (version?: string) => {
    const list = await api.history(specId);
    setHistory(list);
    const chosen = version ?? list[list.length - 1]?.version;
    if (!chosen) return;
    const d = await api.version(specId, chosen);
    setDetail(d);
    setExpression(d.content.expression);
    setTests(d.content.tests);
    setData(d.content.data);
  }, [api, specId]);

  const run = useCallback(async (label: string, fn: () => Promise<string | void>) => {
    setBusy(label);
    setError(null);
    setNotice(null);
    try {
      const message = await fn();
      if (message) setNotice(message);
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(null);
    }
  }, []);

  useEffect(() => {
    void run('Loading', () => open());
  }, [open, run]);

  useEffect(() => {
    // Reference data feeds $xref and $uom in the instant preview; it is published like any other spec.
    api.list()
      .then(async (specs) => {
        const ref = specs.find((s) => s.kind === 'reference' && s.publishedVersion);
        if (!ref?.publishedVersion) return;
        setReference((await api.version(ref.id, ref.publishedVersion)).content.data);
      })
      .catch(() => setReference(undefined));
  }, [api]);

  const changed = {
    expression: !!detail && expression !== detail.content.expression,
    tests: !!detail && JSON.stringify(tests) !== JSON.stringify(detail.content.tests),
    data: !!detail && JSON.stringify(data) !== JSON.stringify(detail.content.data),
  };
  const dirty = changed.expression || changed.tests || changed.data;
  const version = detail?.version ?? '';

  const saveNow = useCallback(async () => {
    // Only what changed is sent: reference and routing specs have data, not an expression.
    await api.editDraft(specId, version, {
      ...(changed.expression ? { expression } : {}),
      ...(changed.tests ? { tests } : {}),
      ...(changed.data ? { data } : {}),
    });
    await open(version);
  }, [api, specId, version, expression, tests, data, changed.expression, changed.tests, changed.data, open]);

  return {
    specId, history, detail, expression, tests, data, dirty, reference, busy, error, notice,
    setExpression, setTests, setData,
    selectVersion: (v) => run('Loading', () => open(v)),
    newDraft: () => run('Creating draft', async () => {
      const next = nextMinor(history.map((h) => h.version));
      const from = history[history.length - 1]?.version ?? '';
      await api.createDraft(specId, next, from);
      await open(next);
      return `Draft ${next} created from ${from}.`;
    }),
    save: () => run('Saving', async () => {
      await saveNow();
      return `Draft ${version} saved.`;
    }),
    submit: () => run('Submitting', async () => {
      if (dirty) await saveNow();
      await api.submit(specId, version);
      await open(version);
      return `${specId}@${version} submitted for review; evidence computed.`;
    }),
    reload: () => run('Loading', () => open(version || undefined)),
    clearMessages: () => {
      setError(null);
      setNotice(null);
    },
  };
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { BusinessException, Kpis, operationsApi } from '../api/operations.api';

/** KPIs and the open exception queue, refreshed after every action. */
export function useOperations() {
  const { http } = useSession();
  const api = useMemo(() => operationsApi(http), [http]);
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [exceptions, setExceptions] = useState<BusinessException[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [k, e] = await Promise.all([api.kpis(), api.exceptions('open')]);
      setKpis(k);
      setExceptions(e);
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError && err.problem.status === 404 ? 'This runtime does not expose exceptions and KPIs yet.' : err instanceof Error ? err.message : String(err));
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const act = useCallback(async (label: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    setNotice(null);
    try {
      await fn();
      setNotice(label);
      await refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }, [refresh]);

  return {
    kpis, exceptions, error, notice, busy, refresh,
    retry: (id: string) => act(`Exception ${id} retried.`, () => api.retry(id)),
    resolve: (id: string, note: string) => act(`Exception ${id} resolved.`, () => api.resolve(id, note)),
  };
}

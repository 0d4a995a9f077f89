import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../../shared/api/http-client';
import { useSession } from '../../auth/hooks/useSession';
import { SpecSummary, specsApi } from '../api/specs.api';

/** The mapping specs the signed-in user can open, and the specs holding reference data and routing rules. */
export function useSpecList() {
  const { http } = useSession();
  const api = useMemo(() => specsApi(http), [http]);
  const [specs, setSpecs] = useState<SpecSummary[]>([]);
  const [referenceSpecId, setReferenceSpecId] = useState<string | null>(null);
  const [routingSpecId, setRoutingSpecId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.list().then(
      (all) => {
        setSpecs(all.filter((s) => ['inbound', 'outbound', 'canonical'].includes(s.kind)));
        setReferenceSpecId(all.find((s) => s.kind === 'reference')?.id ?? null);
        setRoutingSpecId(all.find((s) => s.kind === 'routing')?.id ?? null);
      },
      (err: unknown) => setError(err instanceof ApiError ? err.message : String(err)),
    );
  }, [api]);
  return { specs, referenceSpecId, routingSpecId, error };
}

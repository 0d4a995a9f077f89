import type { HttpClient } from '../../../shared/api/http-client';

export interface BusinessException {
  id: string;
  code: string;
  category: string;
  message: string;
  state: 'open' | 'resolved' | string;
  sourceSystem: string | null;
  legalEntityId: string | null;
  objectId: string | null;
  raisedAt: string;
  ageHours: number;
  correlationId: string | null;
}

export interface Kpis {
  approvalLatencyHours: { count: number; mean: number | null; p50: number | null; p90: number | null };
  pendingBilling: { entries: number; amount: Record<string, string> };
  exceptions: { open: number; byReason: Record<string, number>; byAge: { under1Day: number; from1To7Days: number; over7Days: number } };
  revenueLeakage: { afterDays: number; entries: number; amount: Record<string, string> };
  duplicateTransactions: { deliveries: number; duplicates: number; rate: number };
}

export function operationsApi(http: HttpClient) {
  return {
    kpis: () => http.request<Kpis>('GET', '/kpis'),
    exceptions: (state = 'open') => http.request<BusinessException[]>('GET', `/exceptions?state=${encodeURIComponent(state)}&limit=200`),
    retry: (id: string) => http.request<BusinessException>('POST', `/exceptions/${encodeURIComponent(id)}/retry`),
    resolve: (id: string, note: string) => http.request<BusinessException>('POST', `/exceptions/${encodeURIComponent(id)}/resolve`, { note }),
  };
}

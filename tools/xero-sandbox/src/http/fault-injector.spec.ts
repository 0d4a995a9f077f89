import { FaultInjector } from './fault-injector';

describe('FaultInjector', () => {
  it('fires queued outcomes in turn, each for its number of uses, and adds up latency', () => {
    const faults = new FaultInjector();
    faults.set([
      { latencyMs: 10, times: 3 },
      { method: 'PUT', path: '/Invoices', status: 500, times: 2 },
      { path: '/^\\/api.*Invoices$/', drop: 'after-commit' },
    ]);
    expect(faults.decide('GET', '/api/Invoices')).toEqual({ latencyMs: 10, status: undefined, retryAfterSeconds: undefined, drop: 'after-commit' });
    expect(faults.decide('PUT', '/api/Invoices')).toMatchObject({ latencyMs: 10, status: 500 });
    expect(faults.decide('PUT', '/api/Invoices')).toMatchObject({ latencyMs: 10, status: 500 });
    expect(faults.decide('PUT', '/api/Invoices')).toEqual({ latencyMs: 0 });
    expect(faults.pending()).toEqual([]);
  });
});

import { DeliveryRecord, DeliveryStateError, transition } from './delivery-state';

const record = (): DeliveryRecord => ({
  idempotencyKey: 'k', action: 'createInvoice', docId: 'd', revision: 1, tenantId: 't',
  state: 'PENDING', attempts: 0, lookups: 0, waitsMs: [], transitions: [],
});

describe('delivery state machine', () => {
  it('moves PENDING → SENT → CONFIRMED and records each step', () => {
    const r = record();
    transition(r, 'SENT', new Date(0));
    transition(r, 'CONFIRMED', new Date(1));
    expect(r.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['PENDING>SENT', 'SENT>CONFIRMED']);
  });

  it('never leaves a terminal state and never confirms what was not sent', () => {
    const r = record();
    expect(() => transition(r, 'CONFIRMED', new Date())).toThrow(DeliveryStateError);
    transition(r, 'REJECTED', new Date());
    expect(() => transition(r, 'SENT', new Date())).toThrow(expect.objectContaining({ code: 'CONNECTOR_DELIVERY_ILLEGAL_TRANSITION' }));
  });
});

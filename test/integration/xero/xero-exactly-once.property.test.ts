import fc from 'fast-check';
import { FaultRule, XeroSandbox } from '@mapwright/xero-sandbox';
import { DeliveryRecord } from '@mapwright/connector-xero';
import { connectTo, invoicePayload, meta, startSandbox } from './xero-sandbox.fixture';

/**
 * Exactly-once under faults: whatever mix of 5xx, 429, dropped connections and latency the sandbox
 * throws, and however often documents are redelivered by connectors that remember nothing, the
 * ledger ends with exactly one document per idempotency key and none missing.
 */
const faultArbitrary: fc.Arbitrary<FaultRule> = fc.oneof(
  fc.record({ method: fc.constant('PUT'), status: fc.constantFrom(500, 502, 503), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ method: fc.constant('PUT'), status: fc.constant(429), retryAfterSeconds: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ method: fc.constant('PUT'), drop: fc.constantFrom('after-commit' as const, 'before-commit' as const), times: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ method: fc.constant('GET'), status: fc.constant(500) }),
  fc.record({ drop: fc.constant('after-commit' as const), path: fc.constant('/Invoices') }),
  fc.record({ latencyMs: fc.integer({ min: 1, max: 20 }), times: fc.integer({ min: 1, max: 4 }) }),
);

const scenarioArbitrary = fc.record({
  documents: fc.integer({ min: 1, max: 4 }),
  faults: fc.array(faultArbitrary, { maxLength: 6 }),
  /** Each round delivers an ordered selection of documents, some of them concurrently. */
  rounds: fc.array(fc.record({ order: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 6 }), concurrent: fc.boolean() }), {
    minLength: 1,
    maxLength: 3,
  }),
  maxAttempts: fc.integer({ min: 1, max: 4 }),
});

describe('Xero delivery exactly-once (property)', () => {
  let sandbox: XeroSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it('leaves exactly one document per idempotency key and none missing', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        sandbox.reset();
        sandbox.setFaults(scenario.faults);
        const deliver = (index: number, maxAttempts: number) =>
          // A new connector each time: redelivery after a crash knows only the document and its revision.
          connectTo(sandbox, { retry: { maxAttempts, baseDelayMs: 10 } }).connector.deliver({
            action: 'createInvoice',
            meta: meta(`inv-p${index}`),
            payload: invoicePayload(`P-${index}`),
          });
        for (const round of scenario.rounds) {
          const indices = round.order.map((i) => i % scenario.documents);
          if (round.concurrent) {
            await Promise.all(indices.map((i) => deliver(i, scenario.maxAttempts)));
          } else {
            for (const i of indices) {
              await deliver(i, scenario.maxAttempts);
            }
          }
        }
        // The outbox keeps redelivering until every document is confirmed; model that with a calm final pass.
        sandbox.setFaults([]);
        const finals: DeliveryRecord[] = [];
        for (let i = 0; i < scenario.documents; i += 1) {
          finals.push(await deliver(i, 6));
        }

        const documents = sandbox.documents();
        const byKey = new Map<string, number>();
        for (const document of documents) {
          byKey.set(document.idempotencyKey ?? '(none)', (byKey.get(document.idempotencyKey ?? '(none)') ?? 0) + 1);
        }
        expect(documents).toHaveLength(scenario.documents);
        for (let i = 0; i < scenario.documents; i += 1) {
          expect(byKey.get(`mw:le-uk:invoice:inv-p${i}:r1`)).toBe(1);
          expect(finals[i].state).toBe('CONFIRMED');
          expect(documents.find((d) => d.id === finals[i].erpDocumentId)?.received.InvoiceNumber).toBe(`P-${i}`);
        }
      }),
      { numRuns: 40, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});

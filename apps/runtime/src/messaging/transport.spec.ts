import { publishIdFor } from './outbox-relay.service';
import { InProcessTransport } from './in-process.transport';
import { backoffDelay, DEFAULT_RETRY_POLICY, TransportMessage } from './transport';

const message = (id: string): TransportMessage => ({
  id, publishId: id, type: 'invoice.finalised', stream: 'post', legalEntity: 'le-uk', partitionKey: `le-uk:invoice:${id}`, payload: '{}', correlationId: 'c',
});

describe('backoffDelay', () => {
  it('doubles from the base and stops at the cap', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(policy, a))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});

describe('publishIdFor', () => {
  it('uses the outbox id for the first publish and a suffixed id for republishes', () => {
    expect(publishIdFor({ id: 'm-1', publishCount: 0 })).toBe('m-1');
    expect(publishIdFor({ id: 'm-1', publishCount: 2 })).toBe('m-1.r2');
  });
});

describe('InProcessTransport', () => {
  it('redelivers after the requested delay with a growing attempt number until acknowledged', async () => {
    const transport = new InProcessTransport();
    const attempts: number[] = [];
    await transport.subscribe(async (_m, attempt) => {
      attempts.push(attempt);
      return attempt < 3 ? { kind: 'retry', delayMs: 10 } : { kind: 'ack' };
    });
    await transport.publish(message('a'));
    const deadline = Date.now() + 2000;
    while (attempts.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    expect(attempts).toEqual([1, 2, 3]);
    await transport.close();
  });

  it('drops publishes it was told to lose, and only those', async () => {
    const transport = new InProcessTransport();
    const seen: string[] = [];
    await transport.subscribe(async (m) => {
      seen.push(m.id);
      return { kind: 'ack' };
    });
    transport.loseNextPublishes(2);
    for (const id of ['a', 'b', 'c', 'd']) await transport.publish(message(id));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.sort()).toEqual(['c', 'd']);
    await transport.close();
  });

  it('refuses publishes after close', async () => {
    const transport = new InProcessTransport();
    await transport.close();
    await expect(transport.publish(message('x'))).rejects.toThrow('closed');
  });
});

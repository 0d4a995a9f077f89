import { DeliveryHandler, MessageTransport, TransportMessage } from './transport';

interface Pending {
  message: TransportMessage;
  attempt: number;
}

/**
 * The embedded default: an in-memory queue with the same verdicts as JetStream (ack, redeliver after a
 * delay). It holds nothing durable: anything unacknowledged at shutdown is republished by the sweeper.
 */
export class InProcessTransport implements MessageTransport {
  readonly kind = 'in-process' as const;
  private handler?: DeliveryHandler;
  private readonly queue: Pending[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private closed = false;
  /** Publishes accepted but then discarded; a fault to prove the sweeper recovers lost messages. */
  private toLose = 0;
  /** Ids of the messages dropped by `loseNextPublishes`, so a test can tell which ones had to come back. */
  readonly lost: string[] = [];

  constructor(private readonly concurrency = 16, private readonly maxQueued = 256) {}

  /** Waits while the queue is full, so the relay publishes no faster than consumers keep up. */
  async publish(message: TransportMessage): Promise<void> {
    while (!this.closed && this.queue.length >= this.maxQueued) await new Promise((r) => setTimeout(r, 5));
    if (this.closed) throw new Error('in-process transport is closed');
    if (this.toLose > 0) {
      this.toLose -= 1;
      this.lost.push(message.id);
      return;
    }
    this.queue.push({ message, attempt: 1 });
    this.pump();
  }

  async subscribe(handler: DeliveryHandler): Promise<void> {
    this.handler = handler;
    this.pump();
  }

  /** Accept the next `count` publishes and drop them, as a broker that loses acknowledged messages would. */
  loseNextPublishes(count: number): void {
    this.toLose += count;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private pump(): void {
    while (this.handler && !this.closed && this.inFlight < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.inFlight += 1;
      void this.deliver(this.handler, next).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async deliver(handler: DeliveryHandler, pending: Pending): Promise<void> {
    let verdict;
    try {
      verdict = await handler(pending.message, pending.attempt);
    } catch {
      verdict = { kind: 'retry' as const, delayMs: 1000 };
    }
    if (verdict.kind === 'ack' || this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.closed) return;
      this.queue.push({ message: pending.message, attempt: pending.attempt + 1 });
      this.pump();
    }, verdict.delayMs);
    this.timers.add(timer);
  }
}

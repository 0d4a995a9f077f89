import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { PINO_LOGGER } from '../logging/app-logger';
import { OutboxMessageEntity } from './entities/messaging.entities';
import { MessagingMetrics } from './messaging.metrics';
import { MessagingRepository } from './messaging.repository';
import { MessageTransport, TransportMessage } from './transport';

export interface RelayOptions {
  pollMs: number;
  batch: number;
  /** How long a claim keeps other relays off a row. */
  claimMs: number;
  /** Published but not processed for this long: publish again. */
  sweepAfterMs: number;
  sweepEveryMs: number;
}

/** The outbox id, suffixed on republish so the broker's de-duplication window does not swallow it. */
export function publishIdFor(row: Pick<OutboxMessageEntity, 'id' | 'publishCount'>): string {
  return row.publishCount === 0 ? row.id : `${row.id}.r${row.publishCount}`;
}

/** Publishes committed outbox rows in order and republishes rows nobody confirmed processing. */
@Injectable()
export class OutboxRelay {
  readonly relayId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private transport?: MessageTransport;
  private options!: RelayOptions;
  private running = false;
  private loop?: Promise<void>;
  private sweeper?: NodeJS.Timeout;
  private wake?: () => void;
  published = 0;
  republished = 0;

  constructor(
    @Inject(MessagingRepository) private readonly repo: MessagingRepository,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(MessagingMetrics) private readonly metrics: MessagingMetrics,
  ) {}

  start(transport: MessageTransport, options: RelayOptions): void {
    if (this.running) return;
    this.transport = transport;
    this.options = options;
    this.running = true;
    this.loop = this.run();
    this.sweeper = setInterval(() => void this.sweep(), options.sweepEveryMs);
  }

  /** Shortens the wait after a commit that wrote events. */
  nudge(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.sweeper) clearInterval(this.sweeper);
    this.wake?.();
    await this.loop;
  }

  get isRunning(): boolean {
    return this.running;
  }

  async sweep(): Promise<number> {
    try {
      const n = await this.repo.requeueUnconfirmed(this.options.sweepAfterMs);
      if (n > 0) {
        this.republished += n;
        this.metrics.publishedMany('requeued_by_sweeper', n);
        this.logger.warn({ count: n }, 'republishing outbox messages not confirmed processed');
        this.nudge();
      }
      return n;
    } catch (err) {
      this.logger.error({ err }, 'outbox sweep failed');
      return 0;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed: OutboxMessageEntity[] = [];
      try {
        claimed = await this.repo.claimDue(this.relayId, this.options.batch, this.options.claimMs);
        if (claimed.length > 0) await this.publishAll(claimed);
      } catch (err) {
        this.logger.error({ err }, 'outbox relay pass failed');
      }
      if (claimed.length < this.options.batch && this.running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.options.pollMs);
          this.wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
      }
    }
  }

  private async publishAll(rows: OutboxMessageEntity[]): Promise<void> {
    const done: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const message: TransportMessage = {
        id: row.id, publishId: publishIdFor(row), type: row.type, stream: row.stream, legalEntity: row.legalEntity,
        partitionKey: row.partitionKey, payload: row.payload, correlationId: row.correlationId,
      };
      try {
        await this.transport!.publish(message);
        done.push(row.id);
      } catch (err) {
        // Keep order: the failed row and everything after it wait for the next pass.
        this.logger.warn({ err, messageId: row.id }, 'publish failed; will retry');
        await this.repo.markPublished(done);
        for (const rest of rows.slice(i)) await this.repo.deferPublish(rest.id, 1000);
        return;
      }
    }
    await this.repo.markPublished(done);
    this.published += done.length;
    this.metrics.publishedMany('published', done.length);
  }
}

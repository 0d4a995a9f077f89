import { AckPolicy, DeliverPolicy, JetStreamClient, JetStreamManager, JsMsg, ConsumerMessages, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { headers, NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { EventStream } from './entities/messaging.entities';
import { subjectFor } from './event-routing';
import { DeliveryHandler, MessageTransport, TransportMessage } from './transport';

export interface NatsTransportOptions {
  url: string;
  /** Subject prefix and stream-name stem; tests use a unique one per run. */
  prefix?: string;
  /** Durable consumer name stem; processes sharing it share the work. */
  durable?: string;
  ackWaitMs?: number;
  /** Messages buffered per stream per process. */
  batch?: number;
  logger: Logger;
}

const STREAMS: EventStream[] = ['ops', 'post'];
const NS = 1_000_000;

/** NATS JetStream: one stream for operational events, one for finance-critical posting; durable pull consumers. */
export class NatsTransport implements MessageTransport {
  readonly kind = 'nats' as const;
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private readonly subscriptions = new Set<ConsumerMessages>();
  private closing = false;
  private readonly running = new Set<Promise<void>>();
  private readonly prefix: string;
  private readonly durable: string;

  constructor(private readonly options: NatsTransportOptions) {
    this.prefix = options.prefix ?? 'mw';
    this.durable = options.durable ?? 'mapwright';
  }

  streamName(stream: EventStream): string {
    return `${this.prefix.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}_${stream.toUpperCase()}`;
  }

  async connect(): Promise<void> {
    this.nc = await connect({ servers: this.options.url, maxReconnectAttempts: -1, reconnectTimeWait: 250, name: `mapwright-${this.durable}` });
    this.js = jetstream(this.nc);
    this.jsm = await jetstreamManager(this.nc);
    await this.declare();
  }

  /** Streams and durable consumers are declared idempotently by every process that connects. */
  private async declare(): Promise<void> {
    if (!this.jsm) return;
    for (const stream of STREAMS) {
      const config = {
        name: this.streamName(stream),
        subjects: [`${this.prefix}.${stream}.>`],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: 120 * 1000 * NS,
        // The database is the record; the stream only needs to outlive outages and redeliveries.
        max_age: 7 * 24 * 3600 * 1000 * NS,
      };
      try {
        await this.jsm.streams.info(config.name);
      } catch {
        await this.jsm.streams.add(config);
      }
      const durable = `${this.durable}-${stream}`;
      try {
        await this.jsm.consumers.info(config.name, durable);
      } catch {
        await this.jsm.consumers.add(config.name, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          // Unlimited here: the dispatcher counts failures in the database and dead-letters at MaxDeliver itself,
          // so redeliveries that only wait for an earlier event of the partition never exhaust a message.
          max_deliver: -1,
          ack_wait: (this.options.ackWaitMs ?? 30_000) * NS,
          max_ack_pending: 2000,
        });
      }
    }
  }

  async publish(message: TransportMessage): Promise<void> {
    if (!this.js) throw new Error('NATS transport is not connected');
    const h = headers();
    h.set('Mw-Type', message.type);
    h.set('Mw-Partition', message.partitionKey);
    h.set('Mw-Correlation-Id', message.correlationId);
    h.set('Mw-Message-Id', message.id);
    h.set('Mw-Legal-Entity', message.legalEntity);
    await this.js.publish(subjectFor(this.prefix, message.stream, message.legalEntity, message.type), message.payload, {
      msgID: message.publishId,
      headers: h,
      timeout: 5000,
    });
  }

  async subscribe(handler: DeliveryHandler): Promise<void> {
    if (!this.js) throw new Error('NATS transport is not connected');
    for (const stream of STREAMS) void this.consumeLoop(handler, stream);
  }

  /** Keeps consuming across server restarts: a consume() that ends while we are open is started again. */
  private async consumeLoop(handler: DeliveryHandler, stream: EventStream): Promise<void> {
    while (!this.closing) {
      try {
        const consumer = await this.js!.consumers.get(this.streamName(stream), `${this.durable}-${stream}`);
        const messages = await consumer.consume({ max_messages: this.options.batch ?? 256 });
        this.subscriptions.add(messages);
        try {
          for await (const m of messages) {
            const task = this.handle(handler, m, stream).finally(() => this.running.delete(task));
            this.running.add(task);
          }
        } finally {
          this.subscriptions.delete(messages);
        }
      } catch (err) {
        if (this.closing) return;
        this.options.logger.warn({ err, stream }, 'JetStream consumer interrupted; resuming');
        // The server may have come back without our stream (a fresh store): declare it again.
        await this.declare().catch(() => undefined);
      }
      if (!this.closing) await new Promise((r) => setTimeout(r, 500));
    }
  }

  private async handle(handler: DeliveryHandler, m: JsMsg, stream: EventStream): Promise<void> {
    const h = m.headers;
    const message: TransportMessage = {
      id: h?.get('Mw-Message-Id') ?? '',
      publishId: h?.get('Nats-Msg-Id') ?? '',
      type: h?.get('Mw-Type') ?? '',
      stream,
      legalEntity: h?.get('Mw-Legal-Entity') ?? '',
      partitionKey: h?.get('Mw-Partition') ?? '',
      payload: m.string(),
      correlationId: h?.get('Mw-Correlation-Id') ?? 'system',
    };
    try {
      const verdict = await handler(message, m.info.deliveryCount);
      if (verdict.kind === 'ack') await m.ackAck().catch(() => m.ack());
      else m.nak(verdict.delayMs);
    } catch (err) {
      this.options.logger.warn({ err, messageId: message.id }, 'message handling failed; redelivering');
      m.nak(1000);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const s of this.subscriptions) s.stop();
    await Promise.allSettled([...this.running]);
    if (this.nc && !this.nc.isClosed()) await this.nc.drain().catch(() => this.nc?.close());
  }

  /** Removes this transport's streams; tests clean up after themselves. */
  async deleteStreams(): Promise<void> {
    // Stop consuming first, or the consume loop would declare the streams again.
    this.closing = true;
    for (const s of this.subscriptions) s.stop();
    for (const stream of STREAMS) await this.jsm?.streams.delete(this.streamName(stream)).catch(() => undefined);
  }
}

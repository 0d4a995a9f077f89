import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PostingConsumer } from '../erp-delivery/posting.consumer';
import { PINO_LOGGER } from '../logging/app-logger';
import { EventConsumer } from '../messaging/event-consumer';
import { InProcessTransport } from '../messaging/in-process.transport';
import { MessageDispatcher } from '../messaging/message-dispatcher.service';
import { NatsTransport } from '../messaging/nats.transport';
import { OutboxRelay } from '../messaging/outbox-relay.service';
import { DEFAULT_RETRY_POLICY, MessageTransport } from '../messaging/transport';

/**
 * Runs the relay and the consumers of the configured worker roles. Every process with a role relays
 * the outbox too: claims keep relays apart, and a worker alone (no HTTP API) still drains the outbox.
 */
@Injectable()
export class WorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private transport?: MessageTransport;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OutboxRelay) readonly relay: OutboxRelay,
    @Inject(MessageDispatcher) readonly dispatcher: MessageDispatcher,
    @Inject(PostingConsumer) private readonly posting: PostingConsumer,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  get roles(): string[] {
    return this.config.workerRoles;
  }

  get activeTransport(): MessageTransport | undefined {
    return this.transport;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerRoles.length > 0) await this.start();
  }

  async start(): Promise<void> {
    if (this.transport) return;
    const consumers: EventConsumer[] = [this.posting].filter((c) => this.config.workerRoles.includes(c.role));
    this.dispatcher.configure(consumers, { ...DEFAULT_RETRY_POLICY, maxDeliver: this.config.messageMaxDeliver, baseDelayMs: this.config.messageBackoffMs });
    let transport: MessageTransport;
    if (this.config.natsUrl) {
      const nats = new NatsTransport({ url: this.config.natsUrl, prefix: this.config.natsPrefix, logger: this.logger });
      await nats.connect();
      transport = nats;
    } else {
      transport = new InProcessTransport();
    }
    this.transport = transport;
    await transport.subscribe((message, attempt) => this.dispatcher.dispatch(message, attempt));
    this.relay.start(transport, {
      pollMs: 100, batch: 200, claimMs: 10_000,
      sweepAfterMs: this.config.outboxSweepAfterMs, sweepEveryMs: Math.max(100, Math.min(10_000, Math.floor(this.config.outboxSweepAfterMs / 2))),
    });
    this.logger.info({ roles: this.config.workerRoles, transport: transport.kind, consumers: consumers.map((c) => c.name) }, 'workers started');
    const idle = this.config.workerRoles.filter((role) => !consumers.some((c) => c.role === role));
    // Intake and billing run in the API request that starts them; their roles only relay the outbox so far.
    if (idle.length > 0) this.logger.info({ roles: idle }, 'these roles have no event consumers in this release; they relay the outbox only');
  }

  /** Stops relaying and consuming; unacknowledged messages stay in the outbox or with the broker. */
  async stop(): Promise<void> {
    await this.relay.stop();
    await this.transport?.close();
    this.transport = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}

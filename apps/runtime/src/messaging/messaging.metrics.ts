import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '../health/metrics.service';

export type ConsumeOutcome = 'processed' | 'duplicate' | 'retried' | 'dead_lettered' | 'held_for_pause' | 'deferred_for_order';

/** Event counters on the runtime's own registry, so /metrics shows the pipeline next to HTTP and mappings. */
@Injectable()
export class MessagingMetrics {
  private readonly consumed: Counter<'type' | 'outcome'>;
  private readonly published: Counter<'kind'>;

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    this.consumed = new Counter({
      name: 'messages_consumed_total', help: 'Deliveries by event type and outcome', labelNames: ['type', 'outcome'] as const, registers: [metrics.registry],
    });
    this.published = new Counter({
      name: 'outbox_published_total', help: 'Outbox messages published by the relay, and messages the sweeper put back for publishing', labelNames: ['kind'] as const, registers: [metrics.registry],
    });
  }

  consumedOne(type: string, outcome: ConsumeOutcome): void {
    this.consumed.inc({ type, outcome });
  }

  publishedMany(kind: 'published' | 'requeued_by_sweeper', count: number): void {
    if (count > 0) this.published.inc({ kind }, count);
  }
}

import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per application instance, so several apps in one process (tests) do not collide. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly executions = new Counter({
    name: 'mapping_executions_total',
    help: 'Mapping executions by spec, mode and outcome',
    labelNames: ['spec_id', 'mode', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly executionDuration = new Histogram({
    name: 'mapping_execution_duration_seconds',
    help: 'Mapping execution duration by spec and mode',
    labelNames: ['spec_id', 'mode'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  countExecution(specId: string, mode: string, ok: boolean, seconds: number): void {
    this.executions.inc({ spec_id: specId, mode, outcome: ok ? 'ok' : 'failed' });
    this.executionDuration.observe({ spec_id: specId, mode }, seconds);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

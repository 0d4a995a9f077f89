import type { Logger } from 'pino';
import { ActionContext, ErpDocumentRef, WriteAction } from './connector.definition';
import { ConnectorError, isConnectorError } from './connector-error';
import { DeliveryRecord, DeliveryStore, errorRecord, isTerminal, transition } from './delivery-state';
import { RetryPolicy, backoffDelay } from './retry.policy';

export interface DeliveryRunnerOptions {
  retry: RetryPolicy;
  store: DeliveryStore;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  now: () => number;
  /** Turns anything an action throws into a categorised error (the connector's classifyError). */
  classify: (error: unknown) => ConnectorError;
}

export interface DeliveryJob<Transport, Payload> {
  action: WriteAction<Transport, Payload>;
  context: ActionContext<Transport>;
  payload: Payload;
  idempotencyKey: string;
  docId: string;
  revision: number;
}

/**
 * Drives one document revision to a terminal state, or as far as it can get within the retry budget.
 *
 * Exactly-once rests on two things: every send carries the same Idempotency-Key, and whenever a
 * send's outcome is unknown (SENT without an answer, in this run or a previous one) the document is
 * looked up by its natural key before anything is sent again.
 */
export class DeliveryRunner {
  constructor(private readonly options: DeliveryRunnerOptions) {}

  async deliver<Transport, Payload>(job: DeliveryJob<Transport, Payload>): Promise<DeliveryRecord> {
    const { retry, store, logger } = this.options;
    const record = (await store.get(job.idempotencyKey)) ?? this.fresh(job);
    if (isTerminal(record.state)) {
      return record;
    }
    const log = logger.child({ idempotencyKey: job.idempotencyKey, docId: job.docId, action: job.action.name, tenantId: job.context.tenantId });
    // A SENT record from an earlier delivery means an answer was never seen: look before sending.
    let mustLookUp = record.state === 'SENT';
    let tries = 0;

    while (tries < retry.maxAttempts) {
      tries += 1;
      try {
        if (mustLookUp) {
          record.lookups += 1;
          const found = await job.action.lookup(job.context, job.payload);
          mustLookUp = false;
          if (found) {
            log.info({ erpDocumentId: found.erpDocumentId }, 'ambiguous delivery settled by look-up');
            return this.finish(record, 'CONFIRMED', found, 'lookup');
          }
        }
        transition(record, 'SENT', new Date(this.options.now()));
        record.attempts += 1;
        await store.put(record);
        const ref = await job.action.run(job.context, job.payload, job.idempotencyKey);
        return this.finish(record, 'CONFIRMED', ref, 'response');
      } catch (raw) {
        const error = isConnectorError(raw) ? raw : this.options.classify(raw);
        record.error = errorRecord(error);
        log.warn({ code: error.code, category: error.category, status: error.status, tries }, 'xero delivery try failed');
        if (error.category === 'business' || error.category === 'conflict') {
          return this.finish(record, 'REJECTED', undefined, undefined);
        }
        if (error.category === 'auth' || error.category === 'configuration') {
          break;
        }
        if (error.category === 'ambiguous') {
          mustLookUp = true;
        }
        if (tries >= retry.maxAttempts) {
          break;
        }
        const wait = this.waitFor(error, tries);
        if (wait === undefined) {
          break;
        }
        record.waitsMs.push(wait);
        await store.put(record);
        await this.options.sleep(wait);
      }
    }
    // Out of budget or blocked on people: the record says where it stands; a redelivery continues from here.
    await store.put(record);
    return record;
  }

  private waitFor(error: ConnectorError, tries: number): number | undefined {
    const { retry, random } = this.options;
    if (error.category === 'rate-limited' && error.retryAfterMs !== undefined) {
      return error.retryAfterMs <= retry.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return backoffDelay(retry, tries, random);
  }

  private async finish(
    record: DeliveryRecord,
    state: 'CONFIRMED' | 'REJECTED',
    ref: ErpDocumentRef | undefined,
    resolvedBy: DeliveryRecord['resolvedBy'],
  ): Promise<DeliveryRecord> {
    if (state === 'CONFIRMED' && record.state === 'PENDING') {
      // Found by look-up before this run sent anything: it was sent by an earlier one.
      transition(record, 'SENT', new Date(this.options.now()));
    }
    transition(record, state, new Date(this.options.now()));
    if (ref) {
      record.erpDocumentId = ref.erpDocumentId;
      record.erpDocumentNumber = ref.erpDocumentNumber;
      record.resolvedBy = resolvedBy;
      delete record.error;
    }
    await this.options.store.put(record);
    return record;
  }

  private fresh<Transport, Payload>(job: DeliveryJob<Transport, Payload>): DeliveryRecord {
    return {
      idempotencyKey: job.idempotencyKey,
      action: job.action.name,
      docId: job.docId,
      revision: job.revision,
      tenantId: job.context.tenantId,
      state: 'PENDING',
      attempts: 0,
      lookups: 0,
      waitsMs: [],
      transitions: [],
    };
  }
}

import { ConnectorError, ErrorCategory } from './connector-error';

/**
 * Delivery of one document revision to an ERP:
 *   PENDING → SENT → CONFIRMED | REJECTED
 * SENT means a request may have reached the ERP, so the next step must look the document up
 * before sending again. CONFIRMED records the ERP's id; REJECTED records why.
 */
export type DeliveryState = 'PENDING' | 'SENT' | 'CONFIRMED' | 'REJECTED';

const ALLOWED: Record<DeliveryState, DeliveryState[]> = {
  PENDING: ['SENT', 'REJECTED'],
  SENT: ['CONFIRMED', 'REJECTED'],
  CONFIRMED: [],
  REJECTED: [],
};

export interface DeliveryTransition {
  from: DeliveryState;
  to: DeliveryState;
  at: string;
}

export interface DeliveryErrorRecord {
  code: string;
  category: ErrorCategory;
  message: string;
  status?: number;
  validationErrors: string[];
}

export interface DeliveryRecord {
  idempotencyKey: string;
  action: string;
  docId: string;
  revision: number;
  tenantId: string;
  state: DeliveryState;
  erpDocumentId?: string;
  erpDocumentNumber?: string;
  /** How the ERP id became known: its answer, or a look-up after an ambiguous outcome. */
  resolvedBy?: 'response' | 'lookup';
  /** Write requests sent for this revision, over all deliveries of it. */
  attempts: number;
  lookups: number;
  /** Every wait taken between tries, in ms (backoff or Retry-After). */
  waitsMs: number[];
  /** The last failure; on a SENT/PENDING record it says why delivery has to be tried again later. */
  error?: DeliveryErrorRecord;
  transitions: DeliveryTransition[];
}

export class DeliveryStateError extends Error {
  readonly code = 'CONNECTOR_DELIVERY_ILLEGAL_TRANSITION';
}

export function isTerminal(state: DeliveryState): boolean {
  return state === 'CONFIRMED' || state === 'REJECTED';
}

export function transition(record: DeliveryRecord, to: DeliveryState, at: Date): void {
  if (record.state === to) {
    return;
  }
  if (!ALLOWED[record.state].includes(to)) {
    throw new DeliveryStateError(`A delivery cannot move from ${record.state} to ${to}`);
  }
  record.transitions.push({ from: record.state, to, at: at.toISOString() });
  record.state = to;
}

export function errorRecord(error: ConnectorError): DeliveryErrorRecord {
  return {
    code: error.code,
    category: error.category,
    message: error.message,
    status: error.status,
    validationErrors: [...error.validationErrors],
  };
}

/** Where delivery records live between deliveries; the outbox supplies a durable one. */
export interface DeliveryStore {
  get(idempotencyKey: string): Promise<DeliveryRecord | undefined>;
  put(record: DeliveryRecord): Promise<void>;
}

export class InMemoryDeliveryStore implements DeliveryStore {
  private readonly records = new Map<string, DeliveryRecord>();

  async get(idempotencyKey: string): Promise<DeliveryRecord | undefined> {
    const record = this.records.get(idempotencyKey);
    return record ? structuredClone(record) : undefined;
  }

  async put(record: DeliveryRecord): Promise<void> {
    this.records.set(record.idempotencyKey, structuredClone(record));
  }
}

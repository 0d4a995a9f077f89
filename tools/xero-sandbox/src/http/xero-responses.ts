import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/** Response shapes as Xero's Accounting API writes them. */

export interface ElementErrors {
  /** The submitted element the messages belong to; omitted when the envelope itself is wrong. */
  element?: Record<string, unknown>;
  messages: string[];
}

export function envelope(collection: string, items: unknown[]): Record<string, unknown> {
  return {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: 'Mapwright Xero Sandbox',
    DateTimeUTC: `/Date(${Date.now()})/`,
    [collection]: items,
  };
}

/** ErrorNumber 10: the body was understood but breaks the contract or a ledger rule. */
export function validationException(elements: ElementErrors[]): Record<string, unknown> {
  return {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements.map(({ element, messages }) => ({
      ...(element ?? {}),
      ValidationErrors: messages.map((Message) => ({ Message })),
    })),
  };
}

/** ErrorNumber 14: the body could not be read as JSON at all. */
export function postDataInvalid(message: string): Record<string, unknown> {
  return { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: message };
}

/** Key reuse with a different request: 422, as the IETF Idempotency-Key draft recommends. */
export function idempotencyKeyReused(key: string): Record<string, unknown> {
  return {
    Type: 'IdempotencyKeyReusedException',
    Message: `Idempotency-Key "${key}" was already used for a different request. Use a new key for a changed document.`,
  };
}

/** Xero's identity layer answers 401 and 403 in problem-details shape. */
export function problem(status: number, title: string, detail: string): Record<string, unknown> {
  return { Type: null, Title: title, Status: status, Detail: detail, Instance: randomUUID(), Extensions: {} };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

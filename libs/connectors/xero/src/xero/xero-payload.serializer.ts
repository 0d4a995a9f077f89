import Decimal from 'decimal.js';
import { ConnectorError } from '../framework/connector-error';

/**
 * Xero wants money and quantities as JSON numbers; Mapwright holds them as decimal strings.
 * The conversion happens here, at the edge, by writing the decimal's digits straight into the JSON
 * text, so no amount ever passes through a binary float on its way out.
 */
export const XERO_NUMERIC_FIELDS = new Set([
  'Quantity',
  'UnitAmount',
  'LineAmount',
  'TaxAmount',
  'DiscountRate',
  'DiscountAmount',
  'Amount',
  'CurrencyRate',
  'SubTotal',
  'TotalTax',
  'Total',
]);

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export function serializeXeroPayload(value: unknown): string {
  return write(value, '');
}

function write(value: unknown, key: string): string {
  if (XERO_NUMERIC_FIELDS.has(key)) {
    return numeric(value, key);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => write(item, '')).join(',')}]`;
  }
  if (value instanceof Decimal) {
    return value.toFixed();
  }
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) {
        parts.push(`${JSON.stringify(name)}:${write(item, name)}`);
      }
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function numeric(value: unknown, key: string): string {
  if (value instanceof Decimal) {
    return value.toFixed();
  }
  if (typeof value === 'string' && DECIMAL_TEXT.test(value.trim())) {
    // Normalise (no leading zeros, no "-0") while keeping every digit the string carried.
    return new Decimal(value.trim()).toFixed();
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return JSON.stringify(value);
  }
  if (value === null) {
    return 'null';
  }
  throw new ConnectorError('XERO_PAYLOAD_NOT_DECIMAL', `${key} must be a decimal string or number, got ${JSON.stringify(value)}.`, 'business');
}

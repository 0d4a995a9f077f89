/** UN/ECE Recommendation 20 unit codes a canonical Quantity may carry. */
export const UNIT_CODES = ['HUR', 'MIN', 'SEC', 'DAY', 'WEE', 'MON', 'E49', 'C62'] as const;
export type UnitCodeValue = (typeof UNIT_CODES)[number];

/** What each unit code means, for messages and documentation. */
export const UNIT_CODE_NAMES: Readonly<Record<UnitCodeValue, string>> = Object.freeze({
  HUR: 'hour',
  MIN: 'minute',
  SEC: 'second',
  DAY: 'day',
  WEE: 'week',
  MON: 'month',
  E49: 'working day',
  C62: 'one (unit)',
});

/**
 * ISO 4217 minor units: digits after the decimal point when amounts are
 * rounded for invoices and journals. Currencies not listed must be added
 * here before they are used, rather than assumed to have two decimals.
 */
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  AED: 2,
  AUD: 2,
  BHD: 3,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CLP: 0,
  CNY: 2,
  CZK: 2,
  DKK: 2,
  EUR: 2,
  GBP: 2,
  HKD: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  MXN: 2,
  MYR: 2,
  NOK: 2,
  NZD: 2,
  OMR: 3,
  PHP: 2,
  PLN: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TND: 3,
  TRY: 2,
  TWD: 2,
  USD: 2,
  VND: 0,
  ZAR: 2,
});

export function isUnitCode(value: unknown): value is UnitCodeValue {
  return typeof value === 'string' && (UNIT_CODES as readonly string[]).includes(value);
}

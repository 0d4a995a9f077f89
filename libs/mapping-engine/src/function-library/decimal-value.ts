import Decimal from 'decimal.js';
import { MappingError } from '../errors/mapping-error';

/**
 * The engine's own Decimal constructor: 50 significant digits, never
 * exponential notation, and exponents capped so a hostile "1e999999999"
 * cannot make toFixed() build a gigantic string.
 */
export const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  maxE: 1000,
  minE: -1000,
});
export type Dec = InstanceType<typeof Dec>;

export type RoundingMode = 'half-up' | 'half-even' | 'up' | 'down';

export const ROUNDING: Readonly<Record<RoundingMode, Decimal.Rounding>> = {
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
};

const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const MAX_TEXT = 200;

export function decimalInvalid(message: string): MappingError {
  return MappingError.of('MW_DECIMAL_INVALID', message);
}

/** Reads a number through its shortest round-trip string, or a plain decimal string; nothing else. */
export function toDec(value: unknown, what = 'value'): Dec {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw decimalInvalid(`${what} ${String(value)} is not a finite number`);
    text = String(value);
  } else if (typeof value === 'string') {
    text = value.trim();
    if (text.length > MAX_TEXT || !DECIMAL_TEXT.test(text)) {
      throw decimalInvalid(`${what} "${text.length > 40 ? text.slice(0, 40) + '…' : text}" is not a decimal number`);
    }
  } else {
    throw decimalInvalid(`${what} must be a number or a decimal string`);
  }
  const d = new Dec(text);
  if (!d.isFinite()) throw decimalInvalid(`${what} ${text} is out of range`);
  return d;
}

export function checkedResult(d: Dec): Dec {
  if (!d.isFinite()) throw decimalInvalid('Result is out of the supported decimal range');
  return d;
}

/** Decimal text without exponent; negative zero prints as "0". */
export function decText(d: Dec): string {
  return checkedResult(d).isZero() ? '0' : d.toString();
}

export function roundingOf(mode: unknown): Decimal.Rounding {
  if (mode === undefined) return ROUNDING['half-up'];
  if (typeof mode === 'string' && Object.prototype.hasOwnProperty.call(ROUNDING, mode)) {
    return ROUNDING[mode as RoundingMode];
  }
  throw decimalInvalid(`Rounding mode "${String(mode)}" is not one of half-up, half-even, up, down`);
}

/** Fixed-point text with exactly `places` decimals; "-0.00" is normalised to "0.00". */
export function fixedText(d: Dec, places: number, rounding: Decimal.Rounding): string {
  const rounded = checkedResult(d).toDecimalPlaces(places, rounding);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(places);
}

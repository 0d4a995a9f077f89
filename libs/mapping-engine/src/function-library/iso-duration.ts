import { MappingError } from '../errors/mapping-error';
import { Dec, decText } from './decimal-value';

/*
 * ISO 8601 durations as exact seconds. Days and weeks are nominal (24 h and
 * 7 days); years and months vary with the calendar, so they are refused
 * rather than guessed.
 */

const DURATION = /^(-)?P(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;
const CALENDAR_PARTS = /^-?P[^T]*[YM]/;
const SECONDS_PER = [604800, 86400, 3600, 60, 1];

function uomError(message: string): MappingError {
  return MappingError.of('MW_UOM_UNKNOWN', message);
}

export function parseIsoDurationSeconds(text: string): Dec {
  const trimmed = text.trim();
  const match = trimmed.length <= 64 ? DURATION.exec(trimmed) : null;
  if (!match || trimmed.endsWith('T') || trimmed === 'P' || trimmed === '-P') {
    if (CALENDAR_PARTS.test(trimmed)) {
      throw uomError(`Duration "${trimmed}" uses years or months, whose length depends on the calendar`);
    }
    throw uomError(`"${trimmed.slice(0, 40)}" is not an ISO 8601 duration such as PT1H30M`);
  }
  let seconds = new Dec(0);
  for (let i = 0; i < SECONDS_PER.length; i++) {
    const part = match[i + 2];
    if (part !== undefined) seconds = seconds.plus(new Dec(part.replace(',', '.')).times(SECONDS_PER[i]));
  }
  return match[1] ? seconds.negated() : seconds;
}

/** Formats seconds as PT#H#M#S (hours are not folded into days, which are ambiguous at work). */
export function formatIsoDuration(seconds: Dec): string {
  if (seconds.isZero()) return 'PT0S';
  const sign = seconds.isNegative() ? '-' : '';
  let rest = seconds.abs();
  const hours = rest.dividedToIntegerBy(3600);
  rest = rest.minus(hours.times(3600));
  const minutes = rest.dividedToIntegerBy(60);
  rest = rest.minus(minutes.times(60));
  let out = `${sign}PT`;
  if (!hours.isZero()) out += `${decText(hours)}H`;
  if (!minutes.isZero()) out += `${decText(minutes)}M`;
  if (!rest.isZero()) out += `${decText(rest)}S`;
  return out;
}

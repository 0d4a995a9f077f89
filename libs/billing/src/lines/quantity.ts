import type { Quantity } from '@mapwright/canonical-model';
import { BillingError } from '../errors/billing.error';
import { Dec, parseDecimal } from '../money/billing.money';

/** Hours in a time quantity; retainers and blocks count hours, so other units are refused. */
export function hoursOf(quantity: Quantity, transactionId: string): Dec {
  const value = parseDecimal(quantity.value, `quantity of ${transactionId}`);
  if (quantity.unit === 'HUR') return value;
  if (quantity.unit === 'MIN') return value.div(60);
  throw new BillingError('BILLING_INVALID_QUANTITY', `Transaction ${transactionId} is measured in ${quantity.unit}; hours (HUR) or minutes (MIN) are needed here.`, { transactionId, unit: quantity.unit });
}

/** Hours as a decimal string with at most four places, no float. */
export function formatHours(hours: Dec): string {
  return hours.toDecimalPlaces(4).toString();
}

export { Dec };

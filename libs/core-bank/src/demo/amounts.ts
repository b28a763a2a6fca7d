// Amounts travel as decimal strings (OB format) and are computed by PostgreSQL's numeric type, so no
// binary floating point ever touches money.
import { AMOUNT } from '../core-bank.port';

/** '1234.50000' → '1234.50'; '7.12345' stays; at least two decimals. */
export function formatAmount(numeric: string): string {
  const [whole, fraction = ''] = numeric.replace(/^-/, '').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole}.${trimmed.padEnd(2, '0')}`;
}

export function assertAmount(amount: string): void {
  if (!AMOUNT.test(amount) || Number(amount) <= 0) {
    throw new RangeError('an amount is a positive decimal with at most 13 digits and 5 decimals');
  }
}

// OB date-times (ISODateTime) are RFC 3339 date-times with a time offset, e.g.
// 2030-01-01T00:00:00+00:00, and must name an instant within years 0001..9999 in UTC: the four-digit
// years PostgreSQL's timestamptz and Date#toISOString agree on. IsISO8601 also passes week, ordinal
// and basic forms Date cannot read, and years that leave 0001..9999 once shifted to UTC: 500s (ROB-1).
import { ValidateBy, type ValidationOptions } from 'class-validator';

// Leap seconds (:60) are refused: Date cannot hold one, and no OB date-time needs one.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.(\d+))?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/i;

/** The class-validator constraint name, which ob-validation reports as UK.OBIE.Field.InvalidDate. */
export const IS_OB_DATE_TIME = 'isObDateTime';

/** The instant an OB date-time in a request body names, or undefined if it is not one. */
export const obDateTime = (text: unknown): Date | undefined => instantOf(text, false);

/**
 * A date-time in an OB query (fromBookingDateTime…): OB's own examples leave the offset out there, so
 * one without an offset is read as UTC; otherwise the same rule as in a body.
 */
export const obQueryDateTime = (text: unknown): Date | undefined => instantOf(text, true);

function instantOf(text: unknown, offsetOptional: boolean): Date | undefined {
  const match = typeof text === 'string' ? RFC3339.exec(text) : null;
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  if (offset === undefined && !offsetOptional) return undefined;
  // setUTCFullYear, not Date.UTC, which reads years 0..99 as 1900..1999.
  const local = new Date(0);
  local.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  // Date rolls 2030-02-30 over into March; a day that rolled over does not exist.
  if (local.getUTCMonth() !== Number(month) - 1 || local.getUTCDate() !== Number(day)) return undefined;
  local.setUTCHours(
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  const instant = new Date(local.getTime() - offsetMinutes(offset) * 60_000);
  const utcYear = instant.getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? instant : undefined;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** An OB date-time field of a request DTO (obDateTime). */
export const IsObDateTime = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: IS_OB_DATE_TIME,
      validator: {
        validate: (value: unknown) => obDateTime(value) !== undefined,
        defaultMessage: () =>
          '$property must be an RFC 3339 date-time with a time offset, in years 0001 to 9999 UTC',
      },
    },
    options,
  );

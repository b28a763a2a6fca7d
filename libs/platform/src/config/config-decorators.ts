// Decorators that turn environment strings into typed values before validation.
import { isIP } from 'node:net';
import { Transform, Type } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** "true"/"false" (any case) become booleans; anything else stays a string and fails @IsBoolean. */
export function BooleanFromEnv(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const normalised = value.trim().toLowerCase();
    if (normalised === 'true') return true;
    if (normalised === 'false') return false;
    return value;
  });
}

export function IntegerFromEnv(): PropertyDecorator {
  return Type(() => Number);
}

/** A comma-separated list, trimmed, empty items dropped. */
export function ListFromEnv(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item.length > 0)
      : value,
  );
}

/** An IP address, or a range of them in CIDR notation (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/** Each item an IP address or CIDR range: proxies in a cluster are known by their pods' range. */
export function IsAddressOrRange(options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isAddressOrRange', validator: { validate: isAddressOrRange } }, options);
}

// Decorators that turn environment strings into typed values before validation.
import { Transform, Type } from 'class-transformer';

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

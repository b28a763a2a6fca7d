// Request bodies are validated with class-validator DTOs; the first problems become one OB error
// body whose Errors[] name each field's Path, never a 500.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { unacceptableJson } from './acceptable-json';
import { IS_OB_DATE_TIME } from './ob-date-time';
import { ObError, type ObErrorDetail } from './ob-error';

/** The OB ErrorCode of a failed class-validator constraint; any other is UK.OBIE.Field.Invalid. */
const ERROR_CODE_OF_CONSTRAINT: ReadonlyMap<string, string> = new Map([
  ['whitelistValidation', 'UK.OBIE.Field.Unexpected'],
  [IS_OB_DATE_TIME, 'UK.OBIE.Field.InvalidDate'],
]);

function flatten(errors: readonly ValidationError[], parent = ''): ObErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      ErrorCode: ERROR_CODE_OF_CONSTRAINT.get(constraint) ?? 'UK.OBIE.Field.Invalid',
      Message: message,
      Path: path,
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

export function parseBody<T extends object>(schema: new () => T, body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ObError(400, 'UK.OBIE.Field.Missing', 'A JSON object body is required');
  }
  // The JSON parser refused these already; checked again so no body reaches class-transformer unchecked.
  const refusal = unacceptableJson(body);
  if (refusal) throw refusal;
  const instance = plainToInstance(schema, body);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (errors.length > 0) {
    const details = flatten(errors).slice(0, 10);
    throw new ObError(
      400,
      details[0]?.ErrorCode ?? 'UK.OBIE.Field.Invalid',
      'The request body is invalid',
      details,
    );
  }
  return instance;
}

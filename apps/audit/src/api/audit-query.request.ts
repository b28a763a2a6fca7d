// What compliance may filter by (AUD-3). Unknown parameters and malformed values are a 400 with
// the parameter named, never a 500.
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsISO8601,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuditRequestInvalid } from './audit-errors';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

export class AuditQueryRequest {
  @ApiPropertyOptional({ description: 'Events naming this consent' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'consentId must be an identifier' })
  consentId?: string;

  @ApiPropertyOptional({ description: 'Events naming this grant' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'grantId must be an identifier' })
  grantId?: string;

  @ApiPropertyOptional({ description: 'Events of this TPP (client_id)' })
  @IsOptional()
  @Matches(IDENTIFIER, { message: 'clientId must be an identifier' })
  clientId?: string;

  @ApiPropertyOptional({ description: "The PSU's raw id; the service pseudonymises it for the lookup" })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'subject must be 1 to 200 characters' })
  subject?: string;

  @ApiPropertyOptional({ description: 'Event type, e.g. ConsentAuthorised' })
  @IsOptional()
  @Matches(/^[A-Z][A-Za-z0-9]{2,63}$/, { message: 'eventType must be an event type name' })
  eventType?: string;

  @ApiPropertyOptional({ description: 'occurredAt ≥ from (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt < to (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @ApiPropertyOptional({ description: 'Page size, 1–1000 (default 100)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer between 1 and 1000' })
  @Min(1, { message: 'limit must be an integer between 1 and 1000' })
  @Max(1000, { message: 'limit must be an integer between 1 and 1000' })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[0-9]{1,18}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}

export type AuditFilters = Omit<AuditQueryRequest, 'limit' | 'cursor'>;

export function parseAuditQuery(query: unknown): AuditQueryRequest {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) throw new AuditRequestInvalid(`${name} is given more than once`);
  }
  const request = plainToInstance(AuditQueryRequest, raw);
  const [first] = validateSync(request, { whitelist: true, forbidNonWhitelisted: true });
  if (first) {
    const message = first.constraints ? Object.values(first.constraints)[0] : `${first.property} is invalid`;
    throw new AuditRequestInvalid(
      message.includes('should not exist') ? `unknown parameter ${first.property}` : message,
    );
  }
  if (request.from && request.to && Date.parse(request.from) >= Date.parse(request.to)) {
    throw new AuditRequestInvalid('from must be before to');
  }
  return request;
}

export function filtersOf(request: AuditQueryRequest): AuditFilters {
  const { limit: _limit, cursor: _cursor, ...filters } = request;
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as AuditFilters;
}

const POSITIVE = /^[1-9][0-9]{0,17}$/;

/** A positive integer parameter (a position, a tree size, a count), or a 400 naming it. */
export function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'string' || !POSITIVE.test(value))
    throw new AuditRequestInvalid(`${name} must be a positive integer`);
  return Number(value);
}

/** A 400 naming the first parameter outside `names`. */
export function onlyParameters(query: Record<string, unknown>, names: readonly string[]): void {
  const extra = Object.keys(query).find((name) => !names.includes(name));
  if (extra) throw new AuditRequestInvalid(`unknown parameter ${extra}`);
}

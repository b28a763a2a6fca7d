// A compliance officer read the audit log (a query, an export or a verification). The audit
// service records its own reads as events, so every look at the log is itself in the log (AUD-3).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';

export const AUDIT_READ_KINDS = ['query', 'export', 'verify', 'proof'] as const;

/** The filters as the officer gave them; the audit service masks the raw subject before storage. */
export class AuditQueryFilters {
  @IsOptional() @IsIdentifier() consentId?: string;
  @IsOptional() @IsIdentifier() grantId?: string;
  @IsOptional() @IsIdentifier() clientId?: string;
  @IsOptional() @IsString() @Length(1, 200) subject?: string;
  @IsOptional() @IsString() @Length(1, 64) eventType?: string;
  @IsOptional() @IsTimestamp() from?: string;
  @IsOptional() @IsTimestamp() to?: string;
}

export class AuditLogQueriedV1 {
  @IsIn(AUDIT_READ_KINDS) kind!: (typeof AUDIT_READ_KINDS)[number];
  /** The compliance officer (the `sub` of their audit token). */
  @IsString() @Length(1, 200) officer!: string;
  @ValidateNested() @Type(() => AuditQueryFilters) filters!: AuditQueryFilters;
  @IsInt() @Min(0) resultCount!: number;
}

export const AuditLogQueried = defineEvent({
  type: 'AuditLogQueried',
  schemaVersion: 1,
  context: 'audit',
  schema: AuditLogQueriedV1,
  description: 'A compliance officer read the audit log',
});

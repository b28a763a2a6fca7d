// A grant was revoked (DELETE /grants/{id}, PSU self-service, or its last consent was revoked).
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsText } from '../../shared/fields';

export const GRANT_REVOKERS = ['tpp', 'psu', 'bank', 'system'] as const;

export class GrantRevokedV1 {
  @IsIdentifier() grantId!: string;
  @IsIdentifier() clientId!: string;
  @IsIn(GRANT_REVOKERS) revokedBy!: (typeof GRANT_REVOKERS)[number];
  @IsText(200) reason!: string;
  /** The consents the grant held when it was revoked, so the audit log finds it by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const GrantRevoked = defineEvent({
  type: 'GrantRevoked',
  schemaVersion: 1,
  context: 'grant',
  schema: GrantRevokedV1,
  description: 'A grant was revoked',
});

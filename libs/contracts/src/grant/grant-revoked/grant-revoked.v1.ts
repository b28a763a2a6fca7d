// A grant was revoked (DELETE /grants/{id}, PSU self-service, or its last consent was revoked).
import { IsIn } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsText } from '../../shared/fields';

export const GRANT_REVOKERS = ['tpp', 'psu', 'bank', 'system'] as const;

export class GrantRevokedV1 {
  @IsIdentifier() grantId!: string;
  @IsIdentifier() clientId!: string;
  @IsIn(GRANT_REVOKERS) revokedBy!: (typeof GRANT_REVOKERS)[number];
  @IsText(200) reason!: string;
}

export const GrantRevoked = defineEvent({
  type: 'GrantRevoked',
  schemaVersion: 1,
  context: 'grant',
  schema: GrantRevokedV1,
  description: 'A grant was revoked',
});

// An authorised consent was revoked by the TPP (DELETE), the PSU (self-service) or the bank.
// Tokens and grants that rely on it stop working everywhere.
import { IsIn } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsText } from '../../shared/fields';

export const REVOKING_PARTIES = ['tpp', 'psu', 'bank'] as const;

export class ConsentRevokedV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsIn(REVOKING_PARTIES) revokedBy!: (typeof REVOKING_PARTIES)[number];
  @IsText(200) statusReason!: string;
}

export const ConsentRevoked = defineEvent({
  type: 'ConsentRevoked',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentRevokedV1,
  description: 'A consent was revoked',
});

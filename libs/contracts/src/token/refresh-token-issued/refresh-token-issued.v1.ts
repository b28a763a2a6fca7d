// A refresh token was issued. `tokenId` is the record id, never the token or its hash.
import { IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsTimestamp } from '../../shared/fields';

export class RefreshTokenIssuedV1 {
  @IsIdentifier() tokenId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() grantId!: string;
  @IsOptional() @IsTimestamp() expiresAt?: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const RefreshTokenIssued = defineEvent({
  type: 'RefreshTokenIssued',
  schemaVersion: 1,
  context: 'token',
  schema: RefreshTokenIssuedV1,
  description: 'A refresh token was issued',
});

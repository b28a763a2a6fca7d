// An access token was issued. Only its jti travels, never the token.
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsScopeList, IsTimestamp } from '../../shared/fields';

export const SENDER_CONSTRAINTS = ['dpop', 'mtls'] as const;
export const TOKEN_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

export class AccessTokenIssuedV1 {
  @IsIdentifier() jti!: string;
  @IsIdentifier() clientId!: string;
  @IsOptional() @IsIdentifier() grantId?: string;
  @IsOptional() @IsIdentifier() subject?: string;
  @IsIn(TOKEN_GRANT_TYPES) grantType!: (typeof TOKEN_GRANT_TYPES)[number];
  @IsIn(SENDER_CONSTRAINTS) senderConstraint!: (typeof SENDER_CONSTRAINTS)[number];
  @IsScopeList() scopes!: string[];
  @IsTimestamp() expiresAt!: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const AccessTokenIssued = defineEvent({
  type: 'AccessTokenIssued',
  schemaVersion: 1,
  context: 'token',
  schema: AccessTokenIssuedV1,
  description: 'An access token was issued',
});

// A token stopped being valid before its expiry: by /revoke, a grant or consent revocation,
// or code reuse. Resource servers add `jti` (access) or the grant (refresh) to their denylist.
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsTimestamp } from '../../shared/fields';

export const TOKEN_KINDS = ['access_token', 'refresh_token'] as const;
export const TOKEN_REVOCATION_REASONS = [
  'revoked_by_client',
  'grant_revoked',
  'consent_revoked',
  'code_reuse',
] as const;

export class TokenRevokedV1 {
  @IsIn(TOKEN_KINDS) tokenKind!: (typeof TOKEN_KINDS)[number];
  @IsIdentifier() tokenId!: string;
  @IsIdentifier() clientId!: string;
  @IsOptional() @IsIdentifier() grantId?: string;
  @IsIn(TOKEN_REVOCATION_REASONS) reason!: (typeof TOKEN_REVOCATION_REASONS)[number];
  @IsOptional() @IsTimestamp() expiresAt?: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const TokenRevoked = defineEvent({
  type: 'TokenRevoked',
  schemaVersion: 1,
  context: 'token',
  schema: TokenRevokedV1,
  description: 'A token was revoked',
});

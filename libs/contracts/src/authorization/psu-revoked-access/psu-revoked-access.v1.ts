// The PSU revoked a TPP's access on the self-service page (UX-1 "how to revoke later"). The
// authorize service only records the decision: with a grantId, `grants` revokes that grant
// (GrantRevoked, revokedBy psu); `consent` revokes every listed consent (ConsentRevoked, revokedBy
// psu). Without a grantId only the listed consents are revoked, and `grants` follows the
// ConsentRevoked events like any other consent revocation.
import { IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList } from '../../shared/fields';

export class PsuRevokedAccessV1 {
  @IsIdentifier() clientId!: string;
  /** The PSU's pseudonymous subject for this client, as in AuthorizationApproved. */
  @IsIdentifier() subject!: string;
  @IsOptional() @IsIdentifier() grantId?: string;
  @IsIdentifierList() consentIds!: string[];
}

export const PsuRevokedAccess = defineEvent({
  type: 'PsuRevokedAccess',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuRevokedAccessV1,
  description: "The PSU revoked a TPP's grant or consents on the self-service page",
});

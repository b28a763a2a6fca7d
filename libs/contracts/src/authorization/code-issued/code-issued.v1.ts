// A sealed authorization code was sent to the TPP's redirect URI. The event names the code's id
// (what the token service records on redemption), never the code itself.
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsTimestamp } from '../../shared/fields';
import { RESPONSE_MODES } from '../par-request-pushed/par-request-pushed.v1';

export class CodeIssuedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() codeId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() grantId!: string;
  @IsIn(RESPONSE_MODES) responseMode!: (typeof RESPONSE_MODES)[number];
  @IsTimestamp() expiresAt!: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const CodeIssued = defineEvent({
  type: 'CodeIssued',
  schemaVersion: 1,
  context: 'authorization',
  schema: CodeIssuedV1,
  description: 'An authorization code was issued',
});

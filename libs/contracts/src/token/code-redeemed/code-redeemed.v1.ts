// An authorization code was exchanged for tokens, once (its id is recorded with a unique insert).
import { IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList } from '../../shared/fields';

export class CodeRedeemedV1 {
  @IsIdentifier() codeId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() grantId!: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const CodeRedeemed = defineEvent({
  type: 'CodeRedeemed',
  schemaVersion: 1,
  context: 'token',
  schema: CodeRedeemedV1,
  description: 'An authorization code was redeemed',
});

// An authorization code was exchanged for tokens, once (its id is recorded with a unique insert).
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier } from '../../shared/fields';

export class CodeRedeemedV1 {
  @IsIdentifier() codeId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() grantId!: string;
}

export const CodeRedeemed = defineEvent({
  type: 'CodeRedeemed',
  schemaVersion: 1,
  context: 'token',
  schema: CodeRedeemedV1,
  description: 'An authorization code was redeemed',
});

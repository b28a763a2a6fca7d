// A redeemed code came back: everything issued from it is revoked (CODE-2).
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier } from '../../shared/fields';

export class CodeReuseDetectedV1 {
  @IsIdentifier() codeId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() grantId!: string;
}

export const CodeReuseDetected = defineEvent({
  type: 'CodeReuseDetected',
  schemaVersion: 1,
  context: 'token',
  schema: CodeReuseDetectedV1,
  description: 'A redeemed authorization code was presented again',
});

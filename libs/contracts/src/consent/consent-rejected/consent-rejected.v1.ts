// The PSU (or the bank) rejected the consent before it was authorised (AWAU → RJCT).
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsText } from '../../shared/fields';

export class ConsentRejectedV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsText(200) statusReason!: string;
}

export const ConsentRejected = defineEvent({
  type: 'ConsentRejected',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentRejectedV1,
  description: 'A consent was rejected',
});

// A payment order used up its domestic payment consent (AUTH → COND): it can never pay again.
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier } from '../../shared/fields';

export class ConsentConsumedV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() paymentId!: string;
}

export const ConsentConsumed = defineEvent({
  type: 'ConsentConsumed',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentConsumedV1,
  description: 'A payment order consumed its payment consent',
});

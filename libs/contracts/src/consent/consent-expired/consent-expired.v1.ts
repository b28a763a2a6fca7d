// A consent passed its ExpirationDateTime (or was never authorised in time): EXPD.
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';

export class ConsentExpiredV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsTimestamp() expiredAt!: string;
}

export const ConsentExpired = defineEvent({
  type: 'ConsentExpired',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentExpiredV1,
  description: 'A consent expired',
});

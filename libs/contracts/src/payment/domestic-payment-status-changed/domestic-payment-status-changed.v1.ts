// The bank reported a payment order's status (ISO 20022 codes as OB v4 uses them).
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsText } from '../../shared/fields';

export const DOMESTIC_PAYMENT_STATUSES = ['PDNG', 'ACSC', 'RJCT'] as const;

export class DomesticPaymentStatusChangedV1 {
  @IsIdentifier() paymentId!: string;
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsIn(DOMESTIC_PAYMENT_STATUSES) status!: (typeof DOMESTIC_PAYMENT_STATUSES)[number];
  @IsOptional() @IsText(200) statusReason?: string;
}

export const DomesticPaymentStatusChanged = defineEvent({
  type: 'DomesticPaymentStatusChanged',
  schemaVersion: 1,
  context: 'consent',
  schema: DomesticPaymentStatusChangedV1,
  description: "The bank reported a payment order's status",
});

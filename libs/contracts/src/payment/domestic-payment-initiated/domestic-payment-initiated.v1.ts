// A TPP submitted a domestic payment order within an authorised consent; the bank executes it next.
// Account numbers stay in the consent service; the event carries what others decide on.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { InstructedAmount } from '../../consent/consent-created/consent-created.v1';
import { IsIdentifier } from '../../shared/fields';

export class DomesticPaymentInitiatedV1 {
  @IsIdentifier() paymentId!: string;
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @ValidateNested() @Type(() => InstructedAmount) instructedAmount!: InstructedAmount;
}

export const DomesticPaymentInitiated = defineEvent({
  type: 'DomesticPaymentInitiated',
  schemaVersion: 1,
  context: 'consent',
  schema: DomesticPaymentInitiatedV1,
  description: 'A TPP submitted a domestic payment order',
});

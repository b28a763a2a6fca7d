// A TPP registered a consent intent (UK Open Banking style); it awaits the PSU (AWAU).
// The full OB request stays in the consent service; the event carries what others decide on.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';

export const CONSENT_TYPES = ['account-access', 'domestic-payment'] as const;

export class InstructedAmount {
  @Matches(/^\d{1,13}(\.\d{1,5})?$/) amount!: string;
  @Matches(/^[A-Z]{3}$/) currency!: string;
}

export class ConsentCreatedV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsIn(CONSENT_TYPES) consentType!: (typeof CONSENT_TYPES)[number];
  @IsOptional() @IsArray() @ArrayMaxSize(30) @IsString({ each: true }) permissions?: string[];
  @IsOptional() @IsTimestamp() expirationDateTime?: string;
  @IsOptional() @IsTimestamp() transactionFromDateTime?: string;
  @IsOptional() @IsTimestamp() transactionToDateTime?: string;
  @IsOptional() @ValidateNested() @Type(() => InstructedAmount) instructedAmount?: InstructedAmount;
  @IsOptional() @IsString() creditorAccountIdentification?: string;
  @IsOptional() @IsString() creditorName?: string;
  /** A payment's Initiation.DebtorAccount, when the TPP named the account to pay from. */
  @IsOptional() @IsString() debtorAccountSchemeName?: string;
  @IsOptional() @IsString() debtorAccountIdentification?: string;
}

/** The account a payment consent must be paid from, when its Initiation named one. */
export function debtorAccountOf(
  data: Pick<ConsentCreatedV1, 'debtorAccountSchemeName' | 'debtorAccountIdentification'>,
): { schemeName: string; identification: string } | undefined {
  const { debtorAccountSchemeName: schemeName, debtorAccountIdentification: identification } = data;
  return schemeName && identification ? { schemeName, identification } : undefined;
}

export const ConsentCreated = defineEvent({
  type: 'ConsentCreated',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentCreatedV1,
  description: 'A TPP registered a consent intent awaiting authorisation',
});

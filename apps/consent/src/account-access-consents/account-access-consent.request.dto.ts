// POST /aisp/account-access-consents body (OB v4 OBReadConsent1): Permissions with their
// dependency rules, ExpirationDateTime in the future, a transaction window that is a window.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  ValidateNested,
} from 'class-validator';
import { IsObDateTime } from '../open-banking/ob-date-time';

export const OB_PERMISSIONS = [
  'ReadAccountsBasic',
  'ReadAccountsDetail',
  'ReadBalances',
  'ReadBeneficiariesBasic',
  'ReadBeneficiariesDetail',
  'ReadDirectDebits',
  'ReadOffers',
  'ReadPAN',
  'ReadParty',
  'ReadPartyPSU',
  'ReadProducts',
  'ReadScheduledPaymentsBasic',
  'ReadScheduledPaymentsDetail',
  'ReadStandingOrdersBasic',
  'ReadStandingOrdersDetail',
  'ReadStatementsBasic',
  'ReadStatementsDetail',
  'ReadTransactionsBasic',
  'ReadTransactionsCredits',
  'ReadTransactionsDebits',
  'ReadTransactionsDetail',
] as const;

export class AccountAccessConsentData {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(OB_PERMISSIONS.length)
  @IsIn(OB_PERMISSIONS, { each: true })
  Permissions!: string[];

  @IsOptional() @IsObDateTime() ExpirationDateTime?: string;
  @IsOptional() @IsObDateTime() TransactionFromDateTime?: string;
  @IsOptional() @IsObDateTime() TransactionToDateTime?: string;
}

export class AccountAccessConsentRequest {
  @IsObject() @ValidateNested() @Type(() => AccountAccessConsentData) Data!: AccountAccessConsentData;
  @IsObject() Risk!: Record<string, unknown>;
}

/** OB rules class-validator cannot state: which permissions need which, and time ordering. */
export function permissionProblems(data: AccountAccessConsentData, now: Date): string[] {
  const has = (permission: string) => data.Permissions.includes(permission);
  const problems: string[] = [];
  if (new Set(data.Permissions).size !== data.Permissions.length)
    problems.push('Permissions must not repeat');
  const transactions = has('ReadTransactionsBasic') || has('ReadTransactionsDetail');
  const direction = has('ReadTransactionsCredits') || has('ReadTransactionsDebits');
  if (transactions && !direction)
    problems.push('ReadTransactionsBasic/Detail needs ReadTransactionsCredits or ReadTransactionsDebits');
  if (direction && !transactions)
    problems.push('ReadTransactionsCredits/Debits needs ReadTransactionsBasic or ReadTransactionsDetail');
  if (data.ExpirationDateTime && new Date(data.ExpirationDateTime) <= now)
    problems.push('ExpirationDateTime must be in the future');
  if (
    data.TransactionFromDateTime &&
    data.TransactionToDateTime &&
    new Date(data.TransactionFromDateTime) > new Date(data.TransactionToDateTime)
  )
    problems.push('TransactionFromDateTime must not be after TransactionToDateTime');
  return problems;
}

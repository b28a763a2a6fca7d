// The OB v4 domestic payment Initiation (OBWriteDomestic2DataInitiation), shared by the consent
// and the payment order, which must carry the same Initiation and Risk (CON-3).
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AMOUNT } from '@grantline/core-bank';

export class InstructedAmountDto {
  @Matches(AMOUNT, { message: 'Amount must be a positive decimal (13 digits, 5 decimals)' })
  @Matches(/[1-9]/, { message: 'Amount must be greater than zero' })
  Amount!: string;
  @Matches(/^[A-Z]{3}$/, { message: 'Currency must be an ISO 4217 code' }) Currency!: string;
}

export class CashAccountDto {
  @IsString() @Length(1, 40) SchemeName!: string;
  @IsString() @Length(1, 256) Identification!: string;
  @IsString() @Length(1, 350) Name!: string;
  @IsOptional() @IsString() @Length(1, 34) SecondaryIdentification?: string;
}

export class DebtorAccountDto {
  @IsString() @Length(1, 40) SchemeName!: string;
  @IsString() @Length(1, 256) Identification!: string;
  @IsOptional() @IsString() @Length(1, 350) Name?: string;
}

export class RemittanceInformationDto {
  @IsOptional() @IsString() @Length(1, 35) Reference?: string;
  @IsOptional() @IsString() @Length(1, 140) Unstructured?: string;
}

export class DomesticInitiationDto {
  @IsString() @Length(1, 35) InstructionIdentification!: string;
  @IsString() @Length(1, 35) EndToEndIdentification!: string;
  @IsObject() @ValidateNested() @Type(() => InstructedAmountDto) InstructedAmount!: InstructedAmountDto;
  @IsObject() @ValidateNested() @Type(() => CashAccountDto) CreditorAccount!: CashAccountDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => DebtorAccountDto) DebtorAccount?: DebtorAccountDto;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RemittanceInformationDto)
  RemittanceInformation?: RemittanceInformationDto;
}

export class DomesticPaymentConsentData {
  @IsObject() @ValidateNested() @Type(() => DomesticInitiationDto) Initiation!: DomesticInitiationDto;
}

export class DomesticPaymentConsentRequest {
  @IsObject() @ValidateNested() @Type(() => DomesticPaymentConsentData) Data!: DomesticPaymentConsentData;
  @IsObject() Risk!: Record<string, unknown>;
}

export class DomesticPaymentData {
  @IsString() @Matches(/^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}$/) ConsentId!: string;
  @IsObject() @ValidateNested() @Type(() => DomesticInitiationDto) Initiation!: DomesticInitiationDto;
}

export class DomesticPaymentRequest {
  @IsObject() @ValidateNested() @Type(() => DomesticPaymentData) Data!: DomesticPaymentData;
  @IsObject() Risk!: Record<string, unknown>;
}

/** Structural equality of JSON values, key order ignored (the TPP may serialise differently). */
export function sameJson(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left).filter((key) => (left as Record<string, unknown>)[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => (right as Record<string, unknown>)[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) =>
    sameJson((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

/** The plain JSON of a validated DTO (class instances → objects), as stored and compared. */
export const plainJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

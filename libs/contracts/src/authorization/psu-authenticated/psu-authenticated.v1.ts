// The PSU signed in during an authorization. `subject` is the per-client pseudonym, never the PSU id.
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList, IsTimestamp } from '../../shared/fields';

export class PsuAuthenticatedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() subject!: string;
  @IsString() @Length(1, 200) acr!: string;
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 50, { each: true }) amr!: string[];
  @IsTimestamp() authTime!: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const PsuAuthenticated = defineEvent({
  type: 'PsuAuthenticated',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuAuthenticatedV1,
  description: 'The PSU signed in during an authorization',
});

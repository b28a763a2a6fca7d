// The PSU signed in during an authorization. `subject` is the per-client pseudonym, never the PSU id.
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';

export class PsuAuthenticatedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() subject!: string;
  @IsString() @Length(1, 200) acr!: string;
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Length(1, 50, { each: true }) amr!: string[];
  @IsTimestamp() authTime!: string;
}

export const PsuAuthenticated = defineEvent({
  type: 'PsuAuthenticated',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuAuthenticatedV1,
  description: 'The PSU signed in during an authorization',
});

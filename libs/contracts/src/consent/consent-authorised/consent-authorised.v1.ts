// The PSU authorised the consent (AWAU → AUTH) for the accounts they selected.
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList } from '../../shared/fields';

export class ConsentAuthorisedV1 {
  @IsIdentifier() consentId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() subject!: string;
  @IsIdentifier() grantId!: string;
  @IsIdentifierList() accountIds!: string[];
}

export const ConsentAuthorised = defineEvent({
  type: 'ConsentAuthorised',
  schemaVersion: 1,
  context: 'consent',
  schema: ConsentAuthorisedV1,
  description: 'The PSU authorised a consent',
});

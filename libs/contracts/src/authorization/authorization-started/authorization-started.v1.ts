// A PSU's browser arrived at /authorize with a valid request_uri: the interaction began.
import { IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList } from '../../shared/fields';

export class AuthorizationStartedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
  /** The consents the authorization named, so the audit log finds this event by consent (AUD-3). */
  @IsOptional() @IsIdentifierList() consentIds?: string[];
}

export const AuthorizationStarted = defineEvent({
  type: 'AuthorizationStarted',
  schemaVersion: 1,
  context: 'authorization',
  schema: AuthorizationStartedV1,
  description: 'A PSU started an authorization at the authorization endpoint',
});

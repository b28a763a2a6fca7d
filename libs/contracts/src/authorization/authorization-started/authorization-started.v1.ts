// A PSU's browser arrived at /authorize with a valid request_uri: the interaction began.
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier } from '../../shared/fields';

export class AuthorizationStartedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
}

export const AuthorizationStarted = defineEvent({
  type: 'AuthorizationStarted',
  schemaVersion: 1,
  context: 'authorization',
  schema: AuthorizationStartedV1,
  description: 'A PSU started an authorization at the authorization endpoint',
});

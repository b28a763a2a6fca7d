// The PSU denied the request (or it failed after login): the consents it named are rejected.
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsIdentifierList } from '../../shared/fields';

export const DENIAL_REASONS = ['psu_denied', 'login_failed', 'expired'] as const;

export class AuthorizationDeniedV1 {
  @IsIdentifier() clientId!: string;
  @IsOptional() @IsIdentifier() subject?: string;
  @IsIn(DENIAL_REASONS) reason!: (typeof DENIAL_REASONS)[number];
  @IsIdentifierList() consentIds!: string[];
  /** Added later (optional, so v1 stays compatible): the authorization stream this denial ends. */
  @IsOptional() @IsIdentifier() authorizationId?: string;
}

export const AuthorizationDenied = defineEvent({
  type: 'AuthorizationDenied',
  schemaVersion: 1,
  context: 'authorization',
  schema: AuthorizationDeniedV1,
  description: 'The PSU denied an authorization request',
});

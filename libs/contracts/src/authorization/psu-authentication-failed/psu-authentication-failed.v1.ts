// A sign-in failed. The username typed is only a keyed fingerprint (it may be a mistyped password).
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';

export const AUTHENTICATION_FAILURES = ['invalid_credentials', 'locked_out'] as const;

export class PsuAuthenticationFailedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() usernameFingerprint!: string;
  @IsIn(AUTHENTICATION_FAILURES) reason!: (typeof AUTHENTICATION_FAILURES)[number];
  @IsOptional() @IsTimestamp() lockedUntil?: string;
}

export const PsuAuthenticationFailed = defineEvent({
  type: 'PsuAuthenticationFailed',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuAuthenticationFailedV1,
  description: 'A PSU sign-in failed',
});

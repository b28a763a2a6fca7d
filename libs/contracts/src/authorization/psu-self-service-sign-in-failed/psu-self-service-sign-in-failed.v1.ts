// A sign-in on the self-service page failed. As for PsuAuthenticationFailed, the username typed is
// only a keyed fingerprint (it may be a mistyped password).
import { IsIn, IsOptional } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsTimestamp } from '../../shared/fields';
import { AUTHENTICATION_FAILURES } from '../psu-authentication-failed/psu-authentication-failed.v1';

export class PsuSelfServiceSignInFailedV1 {
  @IsIdentifier() usernameFingerprint!: string;
  @IsIn(AUTHENTICATION_FAILURES) reason!: (typeof AUTHENTICATION_FAILURES)[number];
  @IsOptional() @IsTimestamp() lockedUntil?: string;
}

export const PsuSelfServiceSignInFailed = defineEvent({
  type: 'PsuSelfServiceSignInFailed',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuSelfServiceSignInFailedV1,
  description: 'A sign-in on the self-service page failed',
});

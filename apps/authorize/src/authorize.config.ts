// The authorize service's settings, validated at start-up; a bad value stops it with one line naming
// the variable (keys, the clients file and the security profile are checked in authorize-settings.ts).
import { IsDefined, IsInt, Matches, Max, Min } from 'class-validator';
import { AuthorizationServerConfig, IntegerFromEnv } from '@grantline/platform';

export class AuthorizeConfig extends AuthorizationServerConfig {
  override PORT = 8181;

  /** Keys the per-client PSU pseudonyms (the `subject` of approvals): 32+ bytes of base64url. */
  @IsDefined({ message: 'SUBJECT_PSEUDONYM_KEY is required (32+ bytes of base64url)' })
  @Matches(/^[A-Za-z0-9_-]{43,}$/, {
    message: 'SUBJECT_PSEUDONYM_KEY must be at least 32 bytes of base64url',
  })
  SUBJECT_PSEUDONYM_KEY!: string;

  /**
   * CON-6 at PAR reads a projection of the consent service's events. A TPP that creates a consent
   * and pushes the authorization request at once can beat the event here; an unknown consent is
   * looked up again for up to this long before PAR refuses it (0 = no wait).
   */
  @IntegerFromEnv()
  @IsInt({ message: 'CONSENT_PROPAGATION_WAIT_MS must be an integer between 0 and 10000' })
  @Min(0, { message: 'CONSENT_PROPAGATION_WAIT_MS must be an integer between 0 and 10000' })
  @Max(10_000, { message: 'CONSENT_PROPAGATION_WAIT_MS must be an integer between 0 and 10000' })
  CONSENT_PROPAGATION_WAIT_MS = 3000;

  /** Failed sign-ins per username before it is locked out (the IP limit is the service's rate limit). */
  @IntegerFromEnv()
  @IsInt({ message: 'LOGIN_MAX_FAILURES must be an integer between 1 and 100' })
  @Min(1, { message: 'LOGIN_MAX_FAILURES must be an integer between 1 and 100' })
  @Max(100, { message: 'LOGIN_MAX_FAILURES must be an integer between 1 and 100' })
  LOGIN_MAX_FAILURES = 5;

  /** How long a locked-out username stays locked. */
  @IntegerFromEnv()
  @IsInt({ message: 'LOGIN_LOCKOUT_SECONDS must be an integer between 1 and 86400' })
  @Min(1, { message: 'LOGIN_LOCKOUT_SECONDS must be an integer between 1 and 86400' })
  @Max(86400, { message: 'LOGIN_LOCKOUT_SECONDS must be an integer between 1 and 86400' })
  LOGIN_LOCKOUT_SECONDS = 900;

  /** How long a PSU's browser session (login) lasts. */
  @IntegerFromEnv()
  @IsInt({ message: 'PSU_SESSION_SECONDS must be an integer between 60 and 86400' })
  @Min(60, { message: 'PSU_SESSION_SECONDS must be an integer between 60 and 86400' })
  @Max(86400, { message: 'PSU_SESSION_SECONDS must be an integer between 60 and 86400' })
  PSU_SESSION_SECONDS = 1800;
}

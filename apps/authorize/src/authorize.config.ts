// The authorize service's settings, validated at start-up; a bad value stops it with one line naming
// the variable (keys, the clients file and the security profile are checked in authorize-settings.ts).
import { IsDefined, IsInt, IsOptional, IsString, Matches, Max, Min, IsBoolean } from 'class-validator';
import { BooleanFromEnv, IntegerFromEnv, ServiceConfig } from '@grantline/platform';

const SECURITY = { message: (name: string) => ({ message: `${name} must be a string` }) };

export class AuthorizeConfig extends ServiceConfig {
  override PORT = 8181;

  /** The public origin (RFC 8414 issuer): https, or http on a loopback host for development. */
  @IsDefined({ message: 'ISSUER is required: the public origin, e.g. https://bank.example' })
  @Matches(
    /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/,
    {
      message:
        'ISSUER must be an https URL without query, fragment or trailing slash (http only on loopback)',
    },
  )
  ISSUER!: string;

  /** The AS signing keys (JARM), a private JWK set as JSON; or SIGNING_KEYS_FILE. */
  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS must be a JWK set as JSON' })
  SIGNING_KEYS?: string;

  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS_FILE must be a file path' })
  SIGNING_KEYS_FILE?: string;

  /** "kid:base64url-secret,…", newest first; shared with the token service only. */
  @IsDefined({ message: 'CODE_SEALING_KEYS is required ("kid:base64url-32-byte-secret,…")' })
  @IsString({ message: 'CODE_SEALING_KEYS must be "kid:base64url-secret,…"' })
  CODE_SEALING_KEYS!: string;

  /** Keys the per-client PSU pseudonyms (the `subject` of approvals): 32+ bytes of base64url. */
  @IsDefined({ message: 'SUBJECT_PSEUDONYM_KEY is required (32+ bytes of base64url)' })
  @Matches(/^[A-Za-z0-9_-]{43,}$/, {
    message: 'SUBJECT_PSEUDONYM_KEY must be at least 32 bytes of base64url',
  })
  SUBJECT_PSEUDONYM_KEY!: string;

  @IsDefined({ message: 'GRANTLINE_CLIENTS_FILE is required: the JSON or YAML file of registered TPPs' })
  @IsString({ message: 'GRANTLINE_CLIENTS_FILE must be a file path' })
  GRANTLINE_CLIENTS_FILE!: string;

  /** Development only: registered redirect URIs may be http on loopback hosts. */
  @BooleanFromEnv()
  @IsBoolean({ message: 'ALLOW_LOOPBACK_HTTP_REDIRECTS must be true or false' })
  ALLOW_LOOPBACK_HTTP_REDIRECTS = false;

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

  // The security profile's variables (libs/oauth SECURITY_SETTING_VARIABLES), declared here so they
  // reach the service in every runtime; their values are checked against the profile at start-up.
  @IsOptional() @IsString(SECURITY.message('SECURITY_PROFILE')) SECURITY_PROFILE?: string;
  @IsOptional() @IsString(SECURITY.message('SIGNING_ALGORITHMS')) SIGNING_ALGORITHMS?: string;
  @IsOptional() @IsString(SECURITY.message('CLIENT_AUTH_METHODS')) CLIENT_AUTH_METHODS?: string;
  @IsOptional()
  @IsString(SECURITY.message('PAR_REQUEST_URI_LIFETIME_SECONDS'))
  PAR_REQUEST_URI_LIFETIME_SECONDS?: string;
  @IsOptional()
  @IsString(SECURITY.message('AUTHORIZATION_CODE_LIFETIME_SECONDS'))
  AUTHORIZATION_CODE_LIFETIME_SECONDS?: string;
  @IsOptional()
  @IsString(SECURITY.message('ACCESS_TOKEN_LIFETIME_SECONDS'))
  ACCESS_TOKEN_LIFETIME_SECONDS?: string;
  @IsOptional()
  @IsString(SECURITY.message('REQUIRE_SIGNED_REQUEST_OBJECT'))
  REQUIRE_SIGNED_REQUEST_OBJECT?: string;
  @IsOptional()
  @IsString(SECURITY.message('REQUIRE_PAYMENT_JWS_SIGNATURE'))
  REQUIRE_PAYMENT_JWS_SIGNATURE?: string;
}

// The consent service's settings. Tokens are verified against the issuer's JWKS (CONVENTIONS.md);
// a wrong ISSUER fails closed (every token is refused), so the development default is harmless.
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IntegerFromEnv, ListFromEnv, ServiceConfig } from '@grantline/platform';

const ORIGIN =
  /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/;

export class ConsentConfig extends ServiceConfig {
  override PORT = 8183;

  /** The authorization server's issuer: the `iss` every access token must carry. */
  @Matches(ORIGIN, {
    message: 'ISSUER must be an https URL without query or trailing slash (http only on loopback)',
  })
  ISSUER = 'http://127.0.0.1:8080';

  /** The token service's keys; default `${ISSUER}/jwks`. */
  @IsOptional()
  @Matches(ORIGIN, { message: 'ISSUER_JWKS_URI must be an https URL (http only on loopback)' })
  ISSUER_JWKS_URI?: string;

  /** The origin TPPs address (DPoP `htu`, OB Links); default ISSUER (the gateway routes /open-banking). */
  @IsOptional()
  @Matches(ORIGIN, { message: 'PUBLIC_ORIGIN must be an https URL (http only on loopback)' })
  PUBLIC_ORIGIN?: string;

  /** Accepted access-token audiences; default the public origin. */
  @ListFromEnv()
  @IsString({ each: true, message: 'RESOURCE_AUDIENCES must be a comma-separated list' })
  RESOURCE_AUDIENCES: string[] = [];

  /** Registered TPPs (their keys verify x-jws-signature). Unset: every signed request is refused. */
  @IsOptional()
  @IsString({ message: 'GRANTLINE_CLIENTS_FILE must be a file path' })
  GRANTLINE_CLIENTS_FILE?: string;

  /** How often consents past their ExpirationDateTime are expired (ConsentExpired). */
  @IntegerFromEnv()
  @IsInt({ message: 'CONSENT_EXPIRY_SWEEP_MS must be an integer between 100 and 3600000' })
  @Min(100, { message: 'CONSENT_EXPIRY_SWEEP_MS must be an integer between 100 and 3600000' })
  @Max(3_600_000, { message: 'CONSENT_EXPIRY_SWEEP_MS must be an integer between 100 and 3600000' })
  CONSENT_EXPIRY_SWEEP_MS = 30_000;

  /** How long a payment consent may wait for, and then keep, its authorisation before EXPD. */
  @IntegerFromEnv()
  @IsInt({ message: 'PAYMENT_CONSENT_LIFETIME_SECONDS must be an integer between 60 and 604800' })
  @Min(60, { message: 'PAYMENT_CONSENT_LIFETIME_SECONDS must be an integer between 60 and 604800' })
  @Max(604_800, { message: 'PAYMENT_CONSENT_LIFETIME_SECONDS must be an integer between 60 and 604800' })
  PAYMENT_CONSENT_LIFETIME_SECONDS = 86_400;

  get publicOrigin(): string {
    return this.PUBLIC_ORIGIN ?? this.ISSUER;
  }
}

// The consent service's settings. Tokens are verified against the issuer's JWKS (CONVENTIONS.md);
// a wrong ISSUER fails closed (every token is refused), so the development default is harmless.
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IntegerFromEnv, ResourceServerConfig } from '@grantline/platform';

export class ConsentConfig extends ResourceServerConfig {
  override PORT = 8183;

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
}

// The grants service's settings. Like the consent service it is a resource server: access tokens
// are verified against the issuer's JWKS (CONVENTIONS.md); a wrong ISSUER fails closed.
import { IsOptional, IsString, Matches } from 'class-validator';
import { ListFromEnv, ServiceConfig } from '@grantline/platform';

const ORIGIN =
  /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/;

export class GrantsConfig extends ServiceConfig {
  override PORT = 8184;

  /** The public origin: the `iss` every access token must carry. */
  @Matches(ORIGIN, {
    message: 'ISSUER must be an https URL without query or trailing slash (http only on loopback)',
  })
  ISSUER = 'http://127.0.0.1:8080';

  /** The token service's keys; default `${ISSUER}/jwks`. */
  @IsOptional()
  @Matches(ORIGIN, { message: 'ISSUER_JWKS_URI must be an https URL (http only on loopback)' })
  ISSUER_JWKS_URI?: string;

  /** The origin TPPs address (DPoP `htu`); default ISSUER (the gateway routes /grants, GM-4). */
  @IsOptional()
  @Matches(ORIGIN, { message: 'PUBLIC_ORIGIN must be an https URL (http only on loopback)' })
  PUBLIC_ORIGIN?: string;

  /** Accepted access-token audiences; default the public origin. */
  @ListFromEnv()
  @IsString({ each: true, message: 'RESOURCE_AUDIENCES must be a comma-separated list' })
  RESOURCE_AUDIENCES: string[] = [];

  get publicOrigin(): string {
    return this.PUBLIC_ORIGIN ?? this.ISSUER;
  }
}

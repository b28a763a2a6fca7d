// What every resource server (consent, grants) reads to verify access tokens locally (DESIGN.md
// "Resource servers validate locally"): the issuer, its JWKS, the origin TPPs address and the
// accepted audiences. A wrong ISSUER fails closed: every token is refused.
import { IsOptional, IsString, Matches } from 'class-validator';
import { ListFromEnv } from './config-decorators';
import { ServiceConfig } from './service.config';

const ORIGIN =
  /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/;

export class ResourceServerConfig extends ServiceConfig {
  /** The authorization server's issuer: the `iss` every access token must carry. */
  @Matches(ORIGIN, {
    message: 'ISSUER must be an https URL without query or trailing slash (http only on loopback)',
  })
  ISSUER = 'http://127.0.0.1:8080';

  /** The token service's keys; default `${ISSUER}/jwks`. */
  @IsOptional()
  @Matches(ORIGIN, { message: 'ISSUER_JWKS_URI must be an https URL (http only on loopback)' })
  ISSUER_JWKS_URI?: string;

  /** The origin TPPs address (DPoP `htu`, Open Banking Links); default ISSUER (the gateway routes this service). */
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

  get issuerJwksUri(): string {
    return this.ISSUER_JWKS_URI ?? `${this.ISSUER}/jwks`;
  }

  get accessTokenAudiences(): string[] {
    return this.RESOURCE_AUDIENCES.length > 0 ? this.RESOURCE_AUDIENCES : [this.publicOrigin];
  }
}

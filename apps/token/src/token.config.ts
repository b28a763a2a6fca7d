// The token service's settings, validated at start-up; a bad value stops it with one line naming the
// variable (keys, the clients file and the security profile are checked in settings/token-settings.ts).
import { IsBoolean, IsDefined, IsOptional, IsString, Matches } from 'class-validator';
import { BooleanFromEnv, ListFromEnv, ServiceConfig } from '@grantline/platform';

const SECURITY = { message: (name: string) => ({ message: `${name} must be a string` }) };

export class TokenConfig extends ServiceConfig {
  override PORT = 8182;

  /** The public origin (RFC 8414 issuer): `iss` of tokens, the only client-assertion `aud`. */
  @IsDefined({ message: 'ISSUER is required: the public origin, e.g. https://bank.example' })
  @Matches(
    /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/,
    {
      message:
        'ISSUER must be an https URL without query, fragment or trailing slash (http only on loopback)',
    },
  )
  ISSUER!: string;

  /** The AS signing keys (access and ID tokens), a private JWK set as JSON; or SIGNING_KEYS_FILE. */
  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS must be a JWK set as JSON' })
  SIGNING_KEYS?: string;

  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS_FILE must be a file path' })
  SIGNING_KEYS_FILE?: string;

  /** "kid:base64url-secret,…", newest first; shared with the authorize service only. */
  @IsDefined({ message: 'CODE_SEALING_KEYS is required ("kid:base64url-32-byte-secret,…")' })
  @IsString({ message: 'CODE_SEALING_KEYS must be "kid:base64url-secret,…"' })
  CODE_SEALING_KEYS!: string;

  @IsDefined({ message: 'GRANTLINE_CLIENTS_FILE is required: the JSON or YAML file of registered TPPs' })
  @IsString({ message: 'GRANTLINE_CLIENTS_FILE must be a file path' })
  GRANTLINE_CLIENTS_FILE!: string;

  /** Development only: registered redirect URIs may be http on loopback hosts. */
  @BooleanFromEnv()
  @IsBoolean({ message: 'ALLOW_LOOPBACK_HTTP_REDIRECTS must be true or false' })
  ALLOW_LOOPBACK_HTTP_REDIRECTS = false;

  /** Access-token audiences (resource servers' identifiers); default the issuer. */
  @ListFromEnv()
  @IsString({ each: true, message: 'ACCESS_TOKEN_AUDIENCES must be a comma-separated list' })
  ACCESS_TOKEN_AUDIENCES: string[] = [];

  /**
   * DPOP-2: base64url secrets (≥ 32 bytes each, newest first, comma-separated) for stateless DPoP
   * nonces; every instance given the same secrets issues and accepts the same nonces.
   */
  @ListFromEnv()
  @IsString({ each: true, message: 'DPOP_NONCE_SECRETS must be comma-separated base64url secrets' })
  DPOP_NONCE_SECRETS: string[] = [];

  /** DPOP-2: every DPoP proof at /token must carry a current server nonce (needs DPOP_NONCE_SECRETS). */
  @BooleanFromEnv()
  @IsBoolean({ message: 'DPOP_NONCE_REQUIRED must be true or false' })
  DPOP_NONCE_REQUIRED = false;

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

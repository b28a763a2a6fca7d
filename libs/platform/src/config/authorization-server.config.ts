// The settings both halves of the authorization server read (authorize and token): the issuer,
// the AS signing keys, the code sealing keys, the client registry and the security profile's
// variables. Each service adds its own; a bad value stops it with one line naming the variable.
import { IsBoolean, IsDefined, IsOptional, IsString, Matches } from 'class-validator';
import { BooleanFromEnv } from './config-decorators';
import { ServiceConfig } from './service.config';

const SECURITY = { message: (name: string) => ({ message: `${name} must be a string` }) };

export class AuthorizationServerConfig extends ServiceConfig {
  /** The public origin (RFC 8414 issuer): discovery, `iss` of responses and tokens, client-assertion `aud`. */
  @IsDefined({ message: 'ISSUER is required: the public origin, e.g. https://bank.example' })
  @Matches(
    /^(https:\/\/[^/?#\s]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^?#\s]*[^/?#\s])?$/,
    {
      message:
        'ISSUER must be an https URL without query, fragment or trailing slash (http only on loopback)',
    },
  )
  ISSUER!: string;

  /** The AS signing keys (JARM; access and ID tokens): a private JWK set as JSON, or SIGNING_KEYS_FILE. */
  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS must be a JWK set as JSON' })
  SIGNING_KEYS?: string;

  @IsOptional()
  @IsString({ message: 'SIGNING_KEYS_FILE must be a file path' })
  SIGNING_KEYS_FILE?: string;

  /** "kid:base64url-secret,…", newest first: authorize seals codes, token opens them, no one else. */
  @IsDefined({ message: 'CODE_SEALING_KEYS is required ("kid:base64url-32-byte-secret,…")' })
  @IsString({ message: 'CODE_SEALING_KEYS must be "kid:base64url-secret,…"' })
  CODE_SEALING_KEYS!: string;

  /** The registered TPPs (RFC 7591 metadata, JSON or YAML): keys, redirect URIs, roles, names. */
  @IsDefined({ message: 'GRANTLINE_CLIENTS_FILE is required: the JSON or YAML file of registered TPPs' })
  @IsString({ message: 'GRANTLINE_CLIENTS_FILE must be a file path' })
  GRANTLINE_CLIENTS_FILE!: string;

  /** Development only: registered redirect URIs may be http on loopback hosts. */
  @BooleanFromEnv()
  @IsBoolean({ message: 'ALLOW_LOOPBACK_HTTP_REDIRECTS must be true or false' })
  ALLOW_LOOPBACK_HTTP_REDIRECTS = false;

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

// The token service's settings, validated at start-up; a bad value stops it with one line naming the
// variable (keys, the clients file and the security profile are checked in settings/token-settings.ts).
import { IsBoolean, IsString } from 'class-validator';
import { AuthorizationServerConfig, BooleanFromEnv, ListFromEnv } from '@grantline/platform';

export class TokenConfig extends AuthorizationServerConfig {
  override PORT = 8182;

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
}

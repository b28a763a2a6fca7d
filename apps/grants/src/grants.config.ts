// The grants service's settings: a resource server like consent (ResourceServerConfig: issuer,
// its JWKS, public origin, audiences); the gateway routes /grants to it (GM-4).
import { ResourceServerConfig } from '@grantline/platform';

export class GrantsConfig extends ResourceServerConfig {
  override PORT = 8184;
}

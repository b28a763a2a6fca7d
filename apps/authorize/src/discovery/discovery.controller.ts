// META-1 and META-2: the metadata at both well-known paths, and the public half of the signing keys.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { authorizationServerMetadata } from './authorization-server-metadata';
import { JwksDocs, ServerMetadataDocs } from '../par/authorization-endpoints.openapi';

@Controller()
export class DiscoveryController {
  private readonly metadata: Record<string, unknown>;

  constructor(@Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings) {
    this.metadata = authorizationServerMetadata(settings);
  }

  @Get('.well-known/oauth-authorization-server')
  @ServerMetadataDocs('OAuth authorization server metadata (RFC 8414)')
  @Header('cache-control', 'public, max-age=300')
  oauthMetadata(): Record<string, unknown> {
    return this.metadata;
  }

  @Get('.well-known/openid-configuration')
  @ServerMetadataDocs('OpenID Connect discovery (the same document)')
  @Header('cache-control', 'public, max-age=300')
  openidMetadata(): Record<string, unknown> {
    return this.metadata;
  }

  /** Public members only (SigningKeyRing never exposes private ones); retired keys drop out. */
  @Get('jwks')
  @JwksDocs()
  @Header('content-type', 'application/jwk-set+json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): string {
    return JSON.stringify(this.settings.signingKeys.jwks(this.settings.clock));
  }
}

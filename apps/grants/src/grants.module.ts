// The grants service: grants (FAPI Grant Management) built from the PSU's approvals and narrowed or
// revoked by consent and PSU revocations, and the Grant Management API, GET/DELETE /grants/{grant_id}.
import { Module } from '@nestjs/common';
import { InMemoryJtiReplayStore } from '@grantline/crypto';
import {
  PROTECTED_RESOURCE,
  PUBLIC_ORIGIN,
  ProtectedResource,
  ProtectedResourceGuard,
  RemoteJwks,
  clientCertificateSettings,
  securitySettingsFromEnvironment,
} from '@grantline/oauth';
import {
  PostgresDenylist,
  RevocationDenylistModule,
  SERVICE_CONFIG,
  clientCertificateConfigOf,
} from '@grantline/platform';
import { GrantsController } from './grant-management/grants.http.controller';
import type { GrantsConfig } from './grants.config';
import { GrantStore } from './grants/grant-store';
import { GrantViews } from './grants/grant-views';
import { GrantReactions } from './reactions/grant.reactions';

const isLoopback = (url: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(`${url}/`);

@Module({
  imports: [RevocationDenylistModule],
  controllers: [GrantsController, GrantReactions],
  providers: [
    GrantStore,
    GrantViews,
    ProtectedResourceGuard,
    {
      provide: PUBLIC_ORIGIN,
      inject: [SERVICE_CONFIG],
      useFactory: (config: GrantsConfig) => config.publicOrigin,
    },
    {
      provide: PROTECTED_RESOURCE,
      inject: [SERVICE_CONFIG, PostgresDenylist],
      useFactory: (config: GrantsConfig, denylist: PostgresDenylist) => {
        const settings = securitySettingsFromEnvironment(process.env);
        const jwksUri = config.ISSUER_JWKS_URI ?? `${config.ISSUER}/jwks`;
        return new ProtectedResource({
          issuer: config.ISSUER,
          audience: config.RESOURCE_AUDIENCES.length > 0 ? config.RESOURCE_AUDIENCES : [config.publicOrigin],
          accessTokenKeys: new RemoteJwks({ url: jwksUri, allowLoopbackHttp: isLoopback(jwksUri) }),
          algorithms: settings.signingAlgorithms,
          denylist,
          dpopReplay: new InMemoryJtiReplayStore(),
          // MTLS-1: certificate-bound tokens, with the certificate from TLS here or a trusted proxy.
          forwardedCertificate: clientCertificateSettings(clientCertificateConfigOf(config)).forwarded,
        });
      },
    },
  ],
})
export class GrantsModule {}

// The grants service: grants (FAPI Grant Management) built from the PSU's approvals and narrowed or
// revoked by consent and PSU revocations, and the Grant Management API, GET/DELETE /grants/{grant_id}.
import { Module } from '@nestjs/common';
import {
  PROTECTED_RESOURCE,
  PUBLIC_ORIGIN,
  issuerProtectedResource,
  ProtectedResourceGuard,
  clientCertificateSettings,
  securitySettingsFromEnvironment,
} from '@grantline/oauth';
import {
  PostgresDenylist,
  PostgresJtiReplayStore,
  RevocationDenylistModule,
  SERVICE_CONFIG,
  clientCertificateConfigOf,
} from '@grantline/platform';
import { GrantsController } from './grant-management/grants.http.controller';
import type { GrantsConfig } from './grants.config';
import { GrantStore } from './grants/grant-store';
import { GrantViews } from './grants/grant-views';
import { GrantReactions } from './reactions/grant.reactions';

@Module({
  imports: [RevocationDenylistModule],
  controllers: [GrantsController, GrantReactions],
  providers: [
    GrantStore,
    GrantViews,
    ProtectedResourceGuard,
    PostgresJtiReplayStore,
    {
      provide: PUBLIC_ORIGIN,
      inject: [SERVICE_CONFIG],
      useFactory: (config: GrantsConfig) => config.publicOrigin,
    },
    {
      provide: PROTECTED_RESOURCE,
      inject: [SERVICE_CONFIG, PostgresDenylist, PostgresJtiReplayStore],
      useFactory: (config: GrantsConfig, denylist: PostgresDenylist, dpopReplay: PostgresJtiReplayStore) =>
        issuerProtectedResource({
          issuer: config.ISSUER,
          jwksUri: config.issuerJwksUri,
          audiences: config.accessTokenAudiences,
          algorithms: securitySettingsFromEnvironment(process.env).signingAlgorithms,
          denylist,
          dpopReplay,
          // MTLS-1: certificate-bound tokens, with the certificate from TLS here or a trusted proxy.
          forwardedCertificate: clientCertificateSettings(clientCertificateConfigOf(config)).forwarded,
        }),
    },
  ],
})
export class GrantsModule {}

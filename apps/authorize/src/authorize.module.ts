// The authorize service: discovery and JWKS, PAR, /authorize, PSU login and consent pages, code issuance.
import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@grantline/platform';
import type { AuthorizeConfig } from './authorize.config';
import { DiscoveryController } from './discovery/discovery.controller';
import { ParController } from './par/par.controller';
import { JTI_REPLAY_STORE, PostgresJtiReplayStore } from './par/postgres-jti-replay-store';
import { PushAuthorizationRequest } from './par/push-authorization-request';
import { PushedRequests } from './par/pushed-requests';
import { ConsentIntents } from './read-models/consent-intents';
import { GrantsReadModel } from './read-models/grants';
import { ReadModelsListener } from './read-models/read-models.listener';
import { AUTHORIZE_SETTINGS, loadAuthorizeSettings } from './settings/authorize-settings';

@Module({
  controllers: [DiscoveryController, ParController, ReadModelsListener],
  providers: [
    {
      provide: AUTHORIZE_SETTINGS,
      useFactory: (config: AuthorizeConfig) => loadAuthorizeSettings(config),
      inject: [SERVICE_CONFIG],
    },
    PostgresJtiReplayStore,
    { provide: JTI_REPLAY_STORE, useExisting: PostgresJtiReplayStore },
    ConsentIntents,
    GrantsReadModel,
    PushedRequests,
    PushAuthorizationRequest,
  ],
})
export class AuthorizeModule {}

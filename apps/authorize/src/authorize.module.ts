// The authorize service: discovery and JWKS, PAR, /authorize, PSU login and consent pages, code
// issuance, and the PSU self-service page (connected apps, revocation).
import { Module } from '@nestjs/common';
import { CORE_BANK, DemoCoreBank } from '@grantline/core-bank';
import { JTI_REPLAY_STORE, PostgresJtiReplayStore, SERVICE_CONFIG } from '@grantline/platform';
import { DataSource } from 'typeorm';
import type { AuthorizeConfig } from './authorize.config';
import { DecideAuthorization } from './authorization/decide-authorization';
import { DiscoveryController } from './discovery/discovery.controller';
import { ExpiredStateSweep } from './housekeeping/expired-state-sweep';
import { BrowserSessions } from './interaction/browser-sessions';
import { InteractionController } from './interaction/interaction.controller';
import { Interactions } from './interaction/interactions';
import { InteractionAccess } from './interaction/open-interaction';
import { SignInPsu } from './interaction/sign-in-psu';
import { StartAuthorization } from './interaction/start-authorization';
import { ParController } from './par/par.controller';
import { PushAuthorizationRequest } from './par/push-authorization-request';
import { PushedRequests } from './par/pushed-requests';
import { DemoPsuAuthenticator } from './psu/demo-psu-authenticator';
import { LoginThrottle } from './psu/login-throttle';
import { PsuCredentials } from './psu/psu-credentials';
import { PSU_AUTHENTICATOR } from './psu/psu-authenticator.port';
import { ConsentIntents } from './read-models/consent-intents';
import { GrantsReadModel } from './read-models/grants';
import { ReadModelsListener } from './read-models/read-models.listener';
import { AccessOverview } from './self-service/access-overview';
import { RevokeAccess } from './self-service/revoke-access';
import { SelfServiceController } from './self-service/self-service.controller';
import { SelfServiceVisits } from './self-service/self-service-visit';
import { AUTHORIZE_SETTINGS, loadAuthorizeSettings } from './settings/authorize-settings';

@Module({
  controllers: [
    DiscoveryController,
    ParController,
    InteractionController,
    SelfServiceController,
    ReadModelsListener,
  ],
  providers: [
    {
      provide: AUTHORIZE_SETTINGS,
      useFactory: (config: AuthorizeConfig) => loadAuthorizeSettings(config),
      inject: [SERVICE_CONFIG],
    },
    PostgresJtiReplayStore,
    { provide: JTI_REPLAY_STORE, useExisting: PostgresJtiReplayStore },
    // The bank's systems behind their ports; a bank replaces these two providers with its adapters.
    {
      provide: CORE_BANK,
      useFactory: (dataSource: DataSource) => new DemoCoreBank(dataSource),
      inject: [DataSource],
    },
    { provide: PSU_AUTHENTICATOR, useClass: DemoPsuAuthenticator },
    ConsentIntents,
    GrantsReadModel,
    PushedRequests,
    PushAuthorizationRequest,
    BrowserSessions,
    Interactions,
    InteractionAccess,
    LoginThrottle,
    StartAuthorization,
    PsuCredentials,
    SignInPsu,
    SelfServiceVisits,
    AccessOverview,
    RevokeAccess,
    DecideAuthorization,
    ExpiredStateSweep,
  ],
})
export class AuthorizeModule {}

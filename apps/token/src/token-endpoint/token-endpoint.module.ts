// The token endpoint: its controller, use case and jti replay store (shared with introspection and
// revocation through JTI_REPLAY_STORE). Settings are built once at start-up (TOKEN_SETTINGS).
import { Module } from '@nestjs/common';
import { JTI_REPLAY_STORE, PostgresJtiReplayStore, SERVICE_CONFIG } from '@grantline/platform';
import { TokenRecords, TokenRevokedEvents } from '../records';
import { TOKEN_SETTINGS, loadTokenSettings } from '../settings/token-settings';
import type { TokenConfig } from '../token.config';
import { RequestTokens } from './request-tokens';
import { TokenController } from './token.controller';

@Module({
  controllers: [TokenController],
  providers: [
    {
      provide: TOKEN_SETTINGS,
      useFactory: (config: TokenConfig) => loadTokenSettings(config),
      inject: [SERVICE_CONFIG],
    },
    PostgresJtiReplayStore,
    { provide: JTI_REPLAY_STORE, useExisting: PostgresJtiReplayStore },
    TokenRecords,
    TokenRevokedEvents,
    RequestTokens,
  ],
  exports: [TOKEN_SETTINGS, JTI_REPLAY_STORE],
})
export class TokenEndpointModule {}

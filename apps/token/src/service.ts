import { securitySettingsFromEnvironment } from '@grantline/oauth';
import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { TokenConfig } from './token.config';
import { TokenModule } from './token.module';
import { tokenMigrations } from './migrations';
import { tokenApiReference } from './api-reference';

export const tokenService: ServiceDefinition<TokenConfig> = {
  name: 'token',
  schema: 'token',
  configClass: TokenConfig,
  module: TokenModule,
  migrations: tokenMigrations,
  // A configuration outside the active security profile's ranges refuses to start (PAR-3, CODE-1, TOK-2).
  checkEnvironment: (env) => void securitySettingsFromEnvironment(env),
  apiReference: tokenApiReference,
  errorFormat: oauthErrorFormat,
};

import { securitySettingsFromEnvironment } from '@grantline/oauth';
import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { GrantsConfig } from './grants.config';
import { GrantsModule } from './grants.module';
import { grantsMigrations } from './migrations';
import { grantsApiReference } from './api-reference';

export const grantsService: ServiceDefinition<GrantsConfig> = {
  name: 'grants',
  schema: 'grants',
  configClass: GrantsConfig,
  module: GrantsModule,
  migrations: grantsMigrations,
  // A configuration outside the active security profile's ranges refuses to start (PAR-3, CODE-1, TOK-2).
  checkEnvironment: (env) => void securitySettingsFromEnvironment(env),
  apiReference: grantsApiReference,
  errorFormat: oauthErrorFormat,
};

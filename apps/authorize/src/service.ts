import { securitySettingsFromEnvironment } from '@grantline/oauth';
import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { AuthorizeConfig } from './authorize.config';
import { AuthorizeModule } from './authorize.module';
import { authorizeMigrations } from './migrations';

export const authorizeService: ServiceDefinition<AuthorizeConfig> = {
  name: 'authorize',
  schema: 'authorize',
  configClass: AuthorizeConfig,
  module: AuthorizeModule,
  migrations: authorizeMigrations,
  // A configuration outside the active security profile's ranges refuses to start (PAR-3, CODE-1, TOK-2).
  checkEnvironment: (env) => void securitySettingsFromEnvironment(env),
  errorFormat: oauthErrorFormat,
};

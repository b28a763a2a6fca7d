import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { AuthorizeConfig } from './authorize.config';
import { AuthorizeModule } from './authorize.module';
import { authorizeMigrations } from './migrations';
import { checkAuthorizeEnvironment } from './settings/check-environment';
import { authorizeApiReference } from './api-reference';

export const authorizeService: ServiceDefinition<AuthorizeConfig> = {
  name: 'authorize',
  schema: 'authorize',
  configClass: AuthorizeConfig,
  module: AuthorizeModule,
  migrations: authorizeMigrations,
  // A configuration outside the active security profile's ranges refuses to start (PAR-3, CODE-1,
  // TOK-2), and so do unusable keys or a bad clients file: one line naming the variable.
  checkEnvironment: checkAuthorizeEnvironment,
  apiReference: authorizeApiReference,
  errorFormat: oauthErrorFormat,
};

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
  errorFormat: oauthErrorFormat,
};

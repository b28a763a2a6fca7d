import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { GrantsConfig } from './grants.config';
import { GrantsModule } from './grants.module';
import { grantsMigrations } from './migrations';

export const grantsService: ServiceDefinition<GrantsConfig> = {
  name: 'grants',
  schema: 'grants',
  configClass: GrantsConfig,
  module: GrantsModule,
  migrations: grantsMigrations,
  errorFormat: oauthErrorFormat,
};

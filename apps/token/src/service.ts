import { oauthErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { TokenConfig } from './token.config';
import { TokenModule } from './token.module';
import { tokenMigrations } from './migrations';

export const tokenService: ServiceDefinition<TokenConfig> = {
  name: 'token',
  schema: 'token',
  configClass: TokenConfig,
  module: TokenModule,
  migrations: tokenMigrations,
  errorFormat: oauthErrorFormat,
};

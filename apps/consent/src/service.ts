import { openBankingErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { ConsentConfig } from './consent.config';
import { ConsentModule } from './consent.module';
import { consentMigrations } from './migrations';

export const consentService: ServiceDefinition<ConsentConfig> = {
  name: 'consent',
  schema: 'consent',
  configClass: ConsentConfig,
  module: ConsentModule,
  migrations: consentMigrations,
  errorFormat: openBankingErrorFormat,
};

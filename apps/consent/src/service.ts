import { securitySettingsFromEnvironment } from '@grantline/oauth';
import { openBankingErrorFormat, type ServiceDefinition } from '@grantline/platform';
import { ConsentConfig } from './consent.config';
import { ConsentModule } from './consent.module';
import { consentMigrations } from './migrations';
import { consentApiReference } from './api-reference';

export const consentService: ServiceDefinition<ConsentConfig> = {
  name: 'consent',
  schema: 'consent',
  configClass: ConsentConfig,
  module: ConsentModule,
  migrations: consentMigrations,
  // A configuration outside the active security profile's ranges refuses to start (PAR-3, CODE-1, TOK-2).
  checkEnvironment: (env) => void securitySettingsFromEnvironment(env),
  apiReference: consentApiReference,
  errorFormat: openBankingErrorFormat,
};

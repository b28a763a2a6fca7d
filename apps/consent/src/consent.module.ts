// The consent service: account-access and domestic-payment consents, payment orders, the account
// APIs (UK Open Banking v4), the demo core bank, and reactions to the PSU's decisions.
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CORE_BANK, DemoCoreBank } from '@grantline/core-bank';
import { signingKeyRingFromEnv } from '@grantline/crypto';
import {
  InMemoryClientRegistry,
  PROTECTED_RESOURCE,
  PUBLIC_ORIGIN,
  issuerProtectedResource,
  ProtectedResourceGuard,
  loadClientRegistry,
  securitySettingsFromEnvironment,
  clientCertificateSettings,
} from '@grantline/oauth';
import {
  PostgresDenylist,
  PostgresJtiReplayStore,
  RevocationDenylistModule,
  SERVICE_CONFIG,
  clientCertificateConfigOf,
} from '@grantline/platform';
import { AccountAccessConsentsController } from './account-access-consents/account-access-consents.http.controller';
import { AccountsController } from './accounts/accounts.http.controller';
import type { ConsentConfig } from './consent.config';
import { CONSENT_SETTINGS, type ConsentSettings } from './consent.settings';
import { ConsentStore } from './consents/consent-store';
import { ExpirySweep } from './consents/expiry-sweep';
import { DomesticPaymentConsentsController } from './domestic-payment-consents/domestic-payment-consents.http.controller';
import { DomesticPaymentsController } from './domestic-payments/domestic-payments.http.controller';
import { PaymentHandOverSweep } from './domestic-payments/payment-hand-over-sweep';
import { PaymentOrders } from './domestic-payments/payment-orders';
import { IdempotencyKeys } from './open-banking/idempotency-keys';
import {
  CLIENT_REGISTRY,
  MessageSigning,
  RESPONSE_SIGNING_KEYS,
  SECURITY_SETTINGS,
} from './open-banking/message-signing';
import { ObResponder } from './open-banking/ob-exchange';
import { RawJsonBody } from './open-banking/raw-json-body';
import { AuthorizationReactions } from './reactions/authorization.reactions';
import { PsuRevocationReactions } from './reactions/psu-revocation.reactions';

@Module({
  imports: [RevocationDenylistModule],
  controllers: [
    AccountAccessConsentsController,
    DomesticPaymentConsentsController,
    DomesticPaymentsController,
    AccountsController,
    AuthorizationReactions,
    PsuRevocationReactions,
  ],
  providers: [
    RawJsonBody,
    ConsentStore,
    PaymentOrders,
    PaymentHandOverSweep,
    IdempotencyKeys,
    MessageSigning,
    ObResponder,
    ExpirySweep,
    ProtectedResourceGuard,
    PostgresJtiReplayStore,
    { provide: SECURITY_SETTINGS, useFactory: () => securitySettingsFromEnvironment(process.env) },
    {
      provide: CONSENT_SETTINGS,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ConsentConfig): ConsentSettings => ({
        paymentConsentLifetimeSeconds: config.PAYMENT_CONSENT_LIFETIME_SECONDS,
        expirySweepMs: config.CONSENT_EXPIRY_SWEEP_MS,
      }),
    },
    {
      provide: PUBLIC_ORIGIN,
      inject: [SERVICE_CONFIG],
      useFactory: (config: ConsentConfig) => config.publicOrigin,
    },
    {
      provide: 'CONSENT_ISSUER',
      inject: [SERVICE_CONFIG],
      useFactory: (config: ConsentConfig) => config.ISSUER,
    },
    {
      provide: PROTECTED_RESOURCE,
      inject: [SERVICE_CONFIG, PostgresDenylist, PostgresJtiReplayStore],
      useFactory: (config: ConsentConfig, denylist: PostgresDenylist, dpopReplay: PostgresJtiReplayStore) =>
        issuerProtectedResource({
          issuer: config.ISSUER,
          jwksUri: config.issuerJwksUri,
          audiences: config.accessTokenAudiences,
          algorithms: securitySettingsFromEnvironment(process.env).signingAlgorithms,
          denylist,
          dpopReplay,
          // MTLS-1: certificate-bound tokens, with the certificate from TLS here or a trusted proxy.
          forwardedCertificate: clientCertificateSettings(clientCertificateConfigOf(config)).forwarded,
        }),
    },
    {
      provide: CLIENT_REGISTRY,
      inject: [SERVICE_CONFIG],
      useFactory: async (config: ConsentConfig) =>
        config.GRANTLINE_CLIENTS_FILE
          ? loadClientRegistry({ file: config.GRANTLINE_CLIENTS_FILE, allowLoopbackHttp: true })
          : new InMemoryClientRegistry([]),
    },
    {
      provide: RESPONSE_SIGNING_KEYS,
      useFactory: () => (process.env['SIGNING_KEYS'] ? signingKeyRingFromEnv('SIGNING_KEYS') : undefined),
    },
    {
      provide: CORE_BANK,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new DemoCoreBank(dataSource),
    },
  ],
})
export class ConsentModule {}

// A domestic payment consent is created from its Initiation the same way whether the TPP POSTed
// it (CON-2) or pushed a RAR-first payment_initiation detail: it expires after the configured
// lifetime.
import type { ConsentCommand } from '../consents/domain/consent.decider';
import type { DomesticInitiationDto } from './domestic-payment.dto';

export interface PaymentConsentCreation {
  command: Extract<ConsentCommand, { kind: 'create' }>;
  expiresAt: string;
}

export function paymentConsentCreation(
  consent: { consentId: string; clientId: string; initiation: DomesticInitiationDto },
  lifetimeSeconds: number,
  now = Date.now(),
): PaymentConsentCreation {
  const { consentId, clientId, initiation } = consent;
  const expiresAt = new Date(now + lifetimeSeconds * 1000).toISOString();
  return {
    expiresAt,
    command: {
      kind: 'create',
      consent: {
        consentId,
        clientId,
        consentType: 'domestic-payment',
        expirationDateTime: expiresAt,
        instructedAmount: {
          amount: initiation.InstructedAmount.Amount,
          currency: initiation.InstructedAmount.Currency,
        },
        creditorAccountIdentification: initiation.CreditorAccount.Identification,
        creditorName: initiation.CreditorAccount.Name,
        ...(initiation.DebtorAccount && {
          debtorAccountSchemeName: initiation.DebtorAccount.SchemeName,
          debtorAccountIdentification: initiation.DebtorAccount.Identification,
        }),
      },
    },
  };
}

// A consent intent (OB v4) as a pure decider. Account-access consents: AWAU → AUTH | RJCT, then
// AUTH → CANC | EXPD (AWAU may also be withdrawn or expire). Domestic payment consents: AWAU → AUTH
// | RJCT | EXPD, then AUTH → COND when a payment order consumes it, or EXPD. CON-1, CON-2, CON-3.
import {
  type ConsentAuthorisedV1,
  type ConsentConsumedV1,
  type ConsentCreatedV1,
  type ConsentExpiredV1,
  type ConsentRejectedV1,
  type ConsentRevokedV1,
  debtorAccountOf,
} from '@grantline/contracts';
import type { NamedAccount } from '@grantline/core-bank';
import type { Decider } from '@grantline/event-store';
import { ConsentRefused } from './consent.errors';

export type ConsentStatus = 'AWAU' | 'AUTH' | 'RJCT' | 'CANC' | 'EXPD' | 'COND';
export type ConsentKind = ConsentCreatedV1['consentType'];

export type ConsentEvent =
  | { type: 'ConsentCreated'; data: ConsentCreatedV1 }
  | { type: 'ConsentAuthorised'; data: ConsentAuthorisedV1 }
  | { type: 'ConsentRejected'; data: ConsentRejectedV1 }
  | { type: 'ConsentRevoked'; data: ConsentRevokedV1 }
  | { type: 'ConsentExpired'; data: ConsentExpiredV1 }
  | { type: 'ConsentConsumed'; data: ConsentConsumedV1 };

export interface Consent {
  consentId: string;
  clientId: string;
  kind: ConsentKind;
  status: ConsentStatus;
  statusReason?: string;
  permissions: string[];
  expirationDateTime?: string;
  transactionFromDateTime?: string;
  transactionToDateTime?: string;
  accountIds: string[];
  subject?: string;
  grantId?: string;
  paymentId?: string;
  /** A payment consent's Initiation.DebtorAccount: the account it must be paid from, if named. */
  debtorAccount?: NamedAccount;
}

export type ConsentState = Consent | undefined;

export type ConsentCommand =
  | { kind: 'create'; consent: ConsentCreatedV1 }
  | { kind: 'authorise'; clientId: string; subject: string; grantId: string; accountIds: string[] }
  | { kind: 'reject'; statusReason: string }
  | { kind: 'revoke'; clientId: string; revokedBy: ConsentRevokedV1['revokedBy']; statusReason: string }
  | { kind: 'expire'; now: Date }
  | { kind: 'consume'; clientId: string; paymentId: string };

/** Past its ExpirationDateTime at `now`: what the time-based sweep and every read check. */
export function isPastExpiry(consent: Consent, now: Date): boolean {
  return consent.expirationDateTime !== undefined && new Date(consent.expirationDateTime) <= now;
}

function existing(state: ConsentState): Consent {
  if (!state) throw new ConsentRefused('Consent was not found', 'UK.OBIE.Resource.NotFound', 404);
  return state;
}

function requireStatus(consent: Consent, allowed: readonly ConsentStatus[], action: string): void {
  if (!allowed.includes(consent.status)) {
    throw new ConsentRefused(`Consent is ${consent.status}; it cannot be ${action}`);
  }
}

// A refusal, not a 404, when the caller is the wrong client: callers check ownership first (CON-6).
function requireClient(consent: Consent, clientId: string): void {
  if (consent.clientId !== clientId) {
    throw new ConsentRefused('Consent belongs to another client', 'UK.OBIE.Resource.NotFound', 404);
  }
}

export const consentDecider: Decider<ConsentState, ConsentCommand, ConsentEvent> = {
  initialState: () => undefined,

  evolve(state, event) {
    switch (event.type) {
      case 'ConsentCreated': {
        const data = event.data;
        return {
          consentId: data.consentId,
          clientId: data.clientId,
          kind: data.consentType,
          status: 'AWAU',
          permissions: data.permissions ?? [],
          expirationDateTime: data.expirationDateTime,
          transactionFromDateTime: data.transactionFromDateTime,
          transactionToDateTime: data.transactionToDateTime,
          accountIds: [],
          debtorAccount: debtorAccountOf(data),
        };
      }
      case 'ConsentAuthorised':
        return (
          state && {
            ...state,
            status: 'AUTH',
            accountIds: event.data.accountIds,
            subject: event.data.subject,
            grantId: event.data.grantId,
          }
        );
      case 'ConsentRejected':
        return state && { ...state, status: 'RJCT', statusReason: event.data.statusReason };
      case 'ConsentRevoked':
        return state && { ...state, status: 'CANC', statusReason: event.data.statusReason };
      case 'ConsentExpired':
        return state && { ...state, status: 'EXPD', statusReason: 'Consent expired' };
      case 'ConsentConsumed':
        return state && { ...state, status: 'COND', paymentId: event.data.paymentId };
    }
  },

  decide(command, state) {
    if (command.kind === 'create') {
      if (state) throw new ConsentRefused('Consent already exists', 'UK.OBIE.Resource.ConsentMismatch', 409);
      return [{ type: 'ConsentCreated', data: command.consent }];
    }
    const consent = existing(state);
    const ids = { consentId: consent.consentId, clientId: consent.clientId };
    switch (command.kind) {
      case 'authorise':
        requireClient(consent, command.clientId);
        requireStatus(consent, ['AWAU'], 'authorised');
        if (command.accountIds.length === 0)
          throw new ConsentRefused('At least one account must be selected');
        if (consent.kind === 'domestic-payment' && command.accountIds.length !== 1)
          throw new ConsentRefused('A payment consent is authorised for exactly one debtor account');
        return [
          {
            type: 'ConsentAuthorised',
            data: {
              ...ids,
              subject: command.subject,
              grantId: command.grantId,
              accountIds: command.accountIds,
            },
          },
        ];
      case 'reject':
        requireStatus(consent, ['AWAU'], 'rejected');
        return [{ type: 'ConsentRejected', data: { ...ids, statusReason: command.statusReason } }];
      case 'revoke':
        requireClient(consent, command.clientId);
        if (consent.kind !== 'account-access')
          throw new ConsentRefused('A payment consent cannot be revoked', 'UK.OBIE.Unsupported', 405);
        requireStatus(consent, ['AWAU', 'AUTH'], 'revoked');
        return [
          {
            type: 'ConsentRevoked',
            data: { ...ids, revokedBy: command.revokedBy, statusReason: command.statusReason },
          },
        ];
      case 'expire':
        requireStatus(consent, ['AWAU', 'AUTH'], 'expired');
        if (!isPastExpiry(consent, command.now)) throw new ConsentRefused('Consent has not expired yet');
        return [{ type: 'ConsentExpired', data: { ...ids, expiredAt: command.now.toISOString() } }];
      case 'consume':
        requireClient(consent, command.clientId);
        if (consent.kind !== 'domestic-payment')
          throw new ConsentRefused('Only a payment consent pays', 'UK.OBIE.Resource.InvalidConsentStatus');
        requireStatus(consent, ['AUTH'], 'used for a payment');
        return [{ type: 'ConsentConsumed', data: { ...ids, paymentId: command.paymentId } }];
    }
  },
};

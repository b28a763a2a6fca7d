// What the self-service page shows per grant (UX-1, after the fact): who holds it (name, logo,
// organisation from the client registry), what it allows in the consent page's own words, payment
// amount and payee, which accounts, when it was granted and until when, and where it stands.
import { Inject, Injectable } from '@nestjs/common';
import { CORE_BANK, type CoreBank } from '@grantline/core-bank';
import { accountLabel, clientOnPage, describeAccess, type SharedAccess } from '../interaction/consent-page';
import type { AuthorizationDetail } from '../par/authorization-details';
import { ConsentIntents, type ConsentStatus } from '../read-models/consent-intents';
import { type GrantRecord, GrantsReadModel, psuLinkOf } from '../read-models/grants';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

export type AccessStatus = 'active' | 'revoking' | 'revoked';

export interface AccessEntry extends SharedAccess {
  grantId: string;
  client: { name: string; organisation?: string; logoUri?: string };
  status: AccessStatus;
  statusLabel: string;
  grantedOn: string;
  changedOn?: string;
  revokedOn?: string;
  accounts: string[];
  consents: Array<{ consentId: string; kind: string; status: string }>;
}

const STATUS_LABELS: Record<AccessStatus, string> = {
  active: 'Active',
  revoking: 'Withdrawal in progress',
  revoked: 'Withdrawn',
};

const CONSENT_STATUS: Record<ConsentStatus, string> = {
  AWAU: 'awaiting your approval',
  AUTH: 'active',
  RJCT: 'refused',
  REVOKED: 'withdrawn',
  EXPD: 'expired',
};

/** "23 November 2026, 16:40 UTC": unambiguous for any reader, whatever their time zone. */
export function dateOnPage(date: Date): string {
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

const statusOf = (grant: GrantRecord): AccessStatus =>
  grant.status === 'revoked' ? 'revoked' : grant.revocationRequestedAt ? 'revoking' : 'active';

@Injectable()
export class AccessOverview {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    @Inject(CORE_BANK) private readonly coreBank: CoreBank,
    private readonly grants: GrantsReadModel,
    private readonly consents: ConsentIntents,
  ) {}

  async of(psuId: string): Promise<AccessEntry[]> {
    const grants = await this.grants.ofPsu(psuLinkOf(this.settings.pseudonymKey, psuId));
    const labels = new Map(
      (await this.coreBank.accountsOf(psuId)).map((account) => [account.accountId, accountLabel(account)]),
    );
    return Promise.all(grants.map((grant) => this.entry(grant, labels)));
  }

  private async entry(grant: GrantRecord, labels: ReadonlyMap<string, string>): Promise<AccessEntry> {
    const client = await this.settings.clients.find(grant.clientId);
    const consents = await this.consents.findEach(grant.consentIds);
    const status = statusOf(grant);
    const changed = grant.updatedAt.getTime() - grant.grantedAt.getTime() > 1000;
    return {
      grantId: grant.grantId,
      client: client ? clientOnPage(client) : { name: grant.clientId },
      ...describeAccess(
        {
          scopes: grant.scopes,
          authorizationDetails: grant.authorizationDetails as unknown as AuthorizationDetail[],
        },
        consents,
      ),
      status,
      statusLabel: STATUS_LABELS[status],
      grantedOn: dateOnPage(grant.grantedAt),
      changedOn: changed ? dateOnPage(grant.updatedAt) : undefined,
      revokedOn: grant.revokedAt && dateOnPage(grant.revokedAt),
      accounts: grant.accountIds.map((accountId) => labels.get(accountId) ?? `Account ${accountId}`),
      consents: [...consents.values()].map((consent) => ({
        consentId: consent.consentId,
        kind: consent.consentType === 'domestic-payment' ? 'Payment' : 'Account access',
        status: CONSENT_STATUS[consent.status],
      })),
    };
  }
}

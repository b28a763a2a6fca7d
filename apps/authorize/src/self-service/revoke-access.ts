// The PSU withdraws a TPP's grant on the self-service page. This service only records the decision
// (PsuRevokedAccess, with the grant's consents): the grants service revokes the grant, the consent
// service the consents, and GrantRevoked comes back here to close the grant on the page. A grant
// that is not this PSU's answers exactly like an unknown one.
import { Inject, Injectable } from '@nestjs/common';
import { pseudonym } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { InvalidRequestError } from '@grantline/oauth';
import { DataSource } from 'typeorm';
import { GrantsReadModel, psuLinkOf } from '../read-models/grants';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';

const ownPage = { redirectable: false } as const;
const GRANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

export const psuRevocationStream = (grantId: string) => `psu-revocation-${grantId}`;

@Injectable()
export class RevokeAccess {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    private readonly grants: GrantsReadModel,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  async handle(psuId: string, grantId: unknown, correlationId: string): Promise<void> {
    const notYours = new InvalidRequestError('there is no such access to withdraw', ownPage);
    if (typeof grantId !== 'string' || !GRANT_ID.test(grantId)) throw notYours;
    const key = this.settings.pseudonymKey;
    await this.dataSource.transaction(async (transaction) => {
      const grant = await this.grants.find(grantId, transaction);
      // Both links must hold: the PSU's own (set at approval) and the per-client subject.
      if (
        !grant ||
        grant.psuLink !== psuLinkOf(key, psuId) ||
        grant.subject !== pseudonym(key, grant.clientId, psuId)
      ) {
        throw notYours;
      }
      if (grant.status !== 'active')
        throw new InvalidRequestError('this access has already been withdrawn', ownPage);
      // A second click (or a second tab) finds the request already made and changes nothing.
      const first = await this.grants.revocationRequested(
        transaction,
        grantId,
        new Date(this.settings.clock()),
      );
      if (!first) return;
      const { clientId, subject, consentIds } = grant;
      await this.events.append(
        psuRevocationStream(grantId),
        'no-stream',
        [{ type: 'PsuRevokedAccess', data: { clientId, subject, grantId, consentIds } }],
        { correlationId, actor: { kind: 'psu', id: subject }, clientId },
        { transaction },
      );
    });
  }
}

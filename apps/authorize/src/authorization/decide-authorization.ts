// The PSU's decision. Approve: AuthorizationApproved and CodeIssued in one append with the request
// consumed (PAR-4), then a redirect with the sealed code, state and iss (RESP-1, CODE-1, CODE-3).
// Deny: AuthorizationDenied and access_denied at the redirect URI (RESP-3).
import { Inject, Injectable } from '@nestjs/common';
import { CORE_BANK, type CoreBank } from '@grantline/core-bank';
import { pseudonym, randomId } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { AccessDeniedError, InvalidGrantIdError, InvalidRequestError } from '@grantline/oauth';
import { DataSource } from 'typeorm';
import { Interactions } from '../interaction/interactions';
import type { OpenInteraction } from '../interaction/open-interaction';
import { PushedRequests } from '../par/pushed-requests';
import { ConsentIntents } from '../read-models/consent-intents';
import { GrantsReadModel, psuLinkOf } from '../read-models/grants';
import { AUTHORIZE_SETTINGS, type AuthorizeSettings } from '../settings/authorize-settings';
import { sealAuthorizationCode } from './authorization-code';
import { authorizationResponseUrl } from './authorization-response';
import { decideAndAppend } from './authorization-stream';
import { offeredAccounts } from './offered-accounts';
import { withMintedPaymentConsents } from './rar-payment-consents';

const ownPage = { redirectable: false } as const;

@Injectable()
export class DecideAuthorization {
  constructor(
    @Inject(AUTHORIZE_SETTINGS) private readonly settings: AuthorizeSettings,
    @Inject(CORE_BANK) private readonly coreBank: CoreBank,
    private readonly interactions: Interactions,
    private readonly pushed: PushedRequests,
    private readonly grants: GrantsReadModel,
    private readonly consents: ConsentIntents,
    private readonly events: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** Returns the URL to send the browser to. */
  async approve(open: OpenInteraction, selected: readonly string[], correlationId: string): Promise<string> {
    const { request, session, client } = open;
    if (!session.psuId || !session.authTime || !session.acr)
      throw new InvalidRequestError('sign in first', ownPage);
    const subject = pseudonym(this.settings.pseudonymKey, request.clientId, session.psuId);
    const psuLink = psuLinkOf(this.settings.pseudonymKey, session.psuId);
    const offered = offeredAccounts(
      request.consentIds,
      await this.consents.findEach(request.consentIds),
      await this.coreBank.accountsOf(session.psuId),
    );
    const own = new Set(offered.accounts.map((account) => account.accountId));
    const accountIds = [...new Set(selected)];
    if (accountIds.length === 0 || accountIds.some((id) => !own.has(id))) {
      throw new InvalidRequestError(
        offered.named.length > 0
          ? 'pay from the account the payment names'
          : 'choose at least one of your accounts',
        ownPage,
      );
    }
    const isPayment = request.authorizationDetails.some((detail) => detail.type === 'payment_initiation');
    if (isPayment && accountIds.length !== 1)
      throw new InvalidRequestError('choose one account to pay from', ownPage);
    const action = request.grantManagementAction ?? 'create';
    const grantId = action === 'create' ? `gr-${randomId(16)}` : (request.grantId as string);
    if (action !== 'create') {
      const grant = await this.grants.find(grantId);
      // GM-1: a grant is updated only for the PSU it belongs to.
      // A grant the PSU asked to revoke on the self-service page is not extended meanwhile.
      if (!grant || grant.subject !== subject || grant.status !== 'active' || grant.revocationRequestedAt) {
        throw new InvalidGrantIdError('the grant to update does not belong to you', ownPage);
      }
    }
    // RAR-first payment details get the id of the consent the approval creates (RAR-1, CON-2).
    const approved = withMintedPaymentConsents(request.authorizationDetails);
    const consentIds = [...request.consentIds, ...approved.createdConsentIds];
    const approvedRequest = { ...request, authorizationDetails: approved.authorizationDetails, consentIds };
    const sealed = sealAuthorizationCode(this.settings, approvedRequest, {
      subject,
      grantId,
      accountIds,
      authTime: session.authTime,
      acr: session.acr,
    });
    const { authorizationId, clientId } = request;
    await this.dataSource.transaction(async (transaction) => {
      await decideAndAppend(
        this.events,
        transaction,
        authorizationId,
        {
          kind: 'approve',
          approval: {
            authorizationId,
            clientId,
            subject,
            grantId,
            grantManagementAction: action,
            scopes: request.scopes,
            authorizationDetails: approved.authorizationDetails,
            consentIds,
            ...(approved.createdConsentIds.length > 0 && { createdConsentIds: approved.createdConsentIds }),
            accountIds,
            acr: session.acr,
            authTime: session.authTime?.toISOString(),
          },
          code: {
            authorizationId,
            codeId: sealed.codeId,
            clientId,
            grantId,
            responseMode: request.responseMode,
            expiresAt: sealed.expiresAt.toISOString(),
            consentIds,
          },
        },
        { correlationId, actor: { kind: 'psu', id: subject }, clientId },
      );
      await this.pushed.consume(transaction, authorizationId);
      await this.interactions.complete(transaction, open.interaction.interactionId, 'approved');
      await this.grants.approved(transaction, {
        action,
        grantId,
        clientId,
        subject,
        psuLink,
        scopes: request.scopes,
        authorizationDetails: approved.authorizationDetails,
        consentIds,
        accountIds,
        at: new Date(this.settings.clock()),
      });
    });
    return authorizationResponseUrl(this.settings, client, request, { code: sealed.code });
  }

  async deny(open: OpenInteraction, correlationId: string): Promise<string> {
    const { request, session, client } = open;
    const subject = session.psuId
      ? pseudonym(this.settings.pseudonymKey, request.clientId, session.psuId)
      : undefined;
    const { authorizationId, clientId } = request;
    await this.dataSource.transaction(async (transaction) => {
      await decideAndAppend(
        this.events,
        transaction,
        authorizationId,
        {
          kind: 'deny',
          data: {
            authorizationId,
            clientId,
            ...(subject && { subject }),
            reason: 'psu_denied',
            consentIds: request.consentIds,
          },
        },
        {
          correlationId,
          actor: subject ? { kind: 'psu', id: subject } : { kind: 'tpp', id: clientId },
          clientId,
        },
      );
      await this.pushed.consume(transaction, authorizationId);
      await this.interactions.complete(transaction, open.interaction.interactionId, 'denied');
    });
    return authorizationResponseUrl(
      this.settings,
      client,
      request,
      new AccessDeniedError('The PSU denied the request').toRedirectParameters(),
    );
  }
}

// POST/GET /pisp/domestic-payment-consents and GET …/{ConsentId}/funds-confirmation (CON-2), with
// client_credentials tokens carrying the payments scope, x-idempotency-key (CON-4), x-jws-signature
// (CON-5, required in uk-ob), and BOLA (CON-6).
import { Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CORE_BANK, type CoreBank } from '@grantline/core-bank';
import { newResourceId } from '../open-banking/resource-ids';
import { Principal, ProtectedResourceGuard, RequireScopes, type VerifiedPrincipal } from '@grantline/oauth';
import { ConsentStore, type LoadedConsent } from '../consents/consent-store';
import {
  ownedConsent,
  requireAuthorisingGrant,
  requireTokenForConsent,
  statusReasonOf,
} from '../consents/owned-consent';
import { ConsentRefused } from '../consents/domain/consent.errors';
import { IdempotencyKeys, idempotencyKeyOf } from '../open-banking/idempotency-keys';
import { MessageSigning } from '../open-banking/message-signing';
import { ObResponder, metadataOf, requireClientCredentials } from '../open-banking/ob-exchange';
import { notFound } from '../open-banking/ob-error';
import { parseBody } from '../open-banking/ob-validation';
import { rawBodyOf } from '../open-banking/raw-json-body';
import { CONSENT_SETTINGS, type ConsentSettings } from '../consent.settings';
import { DomesticPaymentConsentRequest, plainJson } from './domestic-payment.dto';
import { paymentConsentCreation } from './payment-consent-creation';
import { CreateDocs, OpenBankingApiDocs, ReadDocs } from '../open-banking/open-banking.openapi';

const PATH = '/pisp/domestic-payment-consents';

@Controller('open-banking/v4.0/pisp/domestic-payment-consents')
@OpenBankingApiDocs('domestic payment consents')
@UseGuards(ProtectedResourceGuard)
@RequireScopes('payments')
export class DomesticPaymentConsentsController {
  constructor(
    private readonly consents: ConsentStore,
    private readonly idempotency: IdempotencyKeys,
    private readonly signing: MessageSigning,
    private readonly responder: ObResponder,
    @Inject(CORE_BANK) private readonly bank: CoreBank,
    @Inject(CONSENT_SETTINGS) private readonly settings: ConsentSettings,
  ) {}

  @Post()
  @CreateDocs(
    'Create a domestic payment consent (status AWAU)',
    'With a client_credentials token carrying the payments scope. Then push an authorization request naming the ConsentId in authorization_details (type payment_initiation).',
  )
  async create(
    @Principal() principal: VerifiedPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireClientCredentials(principal);
    const key = idempotencyKeyOf(request.headers['x-idempotency-key']);
    const rawBody = rawBodyOf(request);
    await this.signing.verifyRequest(principal.client_id, request.headers['x-jws-signature'], rawBody, true);
    const body = parseBody(DomesticPaymentConsentRequest, request.body);
    const initiation = plainJson(body.Data.Initiation);
    const consentId = newResourceId('pdc');
    const { command, expiresAt } = paymentConsentCreation(
      { consentId, clientId: principal.client_id, initiation },
      this.settings.paymentConsentLifetimeSeconds,
    );
    const { resourceId } = await this.idempotency.once(
      { clientId: principal.client_id, endpoint: PATH, key, rawBody, resourceId: consentId },
      (transaction) =>
        this.consents.create(
          transaction,
          command,
          { Data: { Initiation: initiation }, Risk: plainJson(body.Risk) },
          expiresAt,
          metadataOf(principal, request),
        ),
    );
    const loaded = await this.consents.load(resourceId);
    if (!loaded) throw notFound('Consent');
    await this.responder.send(reply, 201, this.representation(loaded));
  }

  @Get(':consentId')
  @ReadDocs('Read a domestic payment consent and its status', {
    name: 'consentId',
    description: 'The ConsentId',
  })
  async read(
    @Principal() principal: VerifiedPrincipal,
    @Param('consentId') consentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireClientCredentials(principal);
    const loaded = await ownedConsent(this.consents, consentId, principal, 'domestic-payment');
    await this.responder.send(reply, 200, this.representation(await this.consents.expireIfDue(loaded)));
  }

  /** Funds confirmation only for an AUTH consent, on the debtor account the PSU selected, with the PSU's token. */
  @Get(':consentId/funds-confirmation')
  @ReadDocs('Whether the debtor account holds the funds (only while the consent is AUTH)', {
    name: 'consentId',
    description: 'The ConsentId',
  })
  async fundsConfirmation(
    @Principal() principal: VerifiedPrincipal,
    @Param('consentId') consentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const loaded = await this.consents.expireIfDue(
      await ownedConsent(this.consents, consentId, principal, 'domestic-payment'),
    );
    // With the PSU's token for this consent, as for the payment itself (OB v4), not a client_credentials one.
    requireTokenForConsent(principal, consentId);
    const { consent, document } = loaded;
    if (consent.status !== 'AUTH') throw new ConsentRefused(`Consent is ${consent.status}, not AUTH`);
    requireAuthorisingGrant(consent, principal);
    const amount = (document.Data['Initiation'] as { InstructedAmount: { Amount: string; Currency: string } })
      .InstructedAmount;
    const available = await this.bank.fundsAvailable(consent.accountIds[0], amount.Amount, amount.Currency);
    await this.responder.send(reply, 200, {
      Data: {
        FundsAvailableResult: { FundsAvailableDateTime: new Date().toISOString(), FundsAvailable: available },
      },
      Links: { Self: this.responder.link(`${PATH}/${consentId}/funds-confirmation`) },
      Meta: {},
    });
  }

  private representation({ consent, createdAt, statusUpdatedAt, document }: LoadedConsent): object {
    return {
      Data: {
        ConsentId: consent.consentId,
        Status: consent.status,
        ...statusReasonOf(consent),
        CreationDateTime: createdAt.toISOString(),
        StatusUpdateDateTime: statusUpdatedAt.toISOString(),
        ...(consent.expirationDateTime ? { CutOffDateTime: consent.expirationDateTime } : {}),
        Initiation: document.Data['Initiation'],
      },
      Risk: document.Risk,
      Links: { Self: this.responder.link(`${PATH}/${consent.consentId}`) },
      Meta: { TotalPages: 1 },
    };
  }
}

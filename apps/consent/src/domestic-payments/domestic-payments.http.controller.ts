// POST /pisp/domestic-payments and GET /pisp/domestic-payments/{DomesticPaymentId} (CON-3). The
// order must repeat its consent's Initiation and Risk exactly, with a token the PSU's approval of
// that consent produced; a second order on the same consent gets a clear 4xx, never a payment.
import { Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newResourceId } from '../open-banking/resource-ids';
import { Principal, ProtectedResourceGuard, RequireScopes, type VerifiedPrincipal } from '@grantline/oauth';
import { ConsentStore } from '../consents/consent-store';
import { ownedConsent, requireAuthorisingGrant, requireTokenForConsent } from '../consents/owned-consent';
import { idempotencyKeyOf } from '../open-banking/idempotency-keys';
import { MessageSigning } from '../open-banking/message-signing';
import { ObResponder, metadataOf } from '../open-banking/ob-exchange';
import { ObError, notFound } from '../open-banking/ob-error';
import { parseBody } from '../open-banking/ob-validation';
import { rawBodyOf } from '../open-banking/raw-json-body';
import { ConsentRefused } from '../consents/domain/consent.errors';
import {
  DomesticPaymentRequest,
  plainJson,
  sameJson,
} from '../domestic-payment-consents/domestic-payment.dto';
import { PaymentOrders, type LoadedPayment } from './payment-orders';
import { CreateDocs, OpenBankingApiDocs, ReadDocs } from '../open-banking/open-banking.openapi';

const PATH = '/pisp/domestic-payments';
const PAYMENT_ID = /^dp-[A-Za-z0-9~-]{10,64}$/;

@Controller('open-banking/v4.0/pisp/domestic-payments')
@OpenBankingApiDocs('domestic payments')
@UseGuards(ProtectedResourceGuard)
@RequireScopes('payments')
export class DomesticPaymentsController {
  constructor(
    private readonly consents: ConsentStore,
    private readonly payments: PaymentOrders,
    private readonly signing: MessageSigning,
    private readonly responder: ObResponder,
  ) {}

  @Post()
  @CreateDocs(
    'Submit the payment of an authorised consent',
    "With the PSU-authorised payments token. Initiation and Risk must equal the consent's exactly; the consent is consumed once, so a repeated submission never pays twice (CON-3).",
  )
  async submit(
    @Principal() principal: VerifiedPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const key = idempotencyKeyOf(request.headers['x-idempotency-key']);
    const rawBody = rawBodyOf(request);
    await this.signing.verifyRequest(principal.client_id, request.headers['x-jws-signature'], rawBody, true);
    const body = parseBody(DomesticPaymentRequest, request.body);
    const consentId = body.Data.ConsentId;
    const loaded = await this.consents.expireIfDue(
      await ownedConsent(this.consents, consentId, principal, 'domestic-payment'),
    );
    requireTokenForConsent(principal, consentId);
    if (loaded.consent.status === 'AUTH' || loaded.consent.status === 'COND') {
      requireAuthorisingGrant(loaded.consent, principal);
    }
    const initiation = plainJson(body.Data.Initiation);
    if (
      !sameJson(initiation, loaded.document.Data['Initiation']) ||
      !sameJson(plainJson(body.Risk), loaded.document.Risk)
    ) {
      throw new ObError(
        400,
        'UK.OBIE.Resource.ConsentMismatch',
        "The Initiation and Risk must match the consent's",
      );
    }
    if (loaded.consent.status !== 'AUTH' && loaded.consent.status !== 'COND') {
      throw new ConsentRefused(`Consent is ${loaded.consent.status}, not AUTH`);
    }
    const paymentId = await this.payments.submit({
      paymentId: newResourceId('dp'),
      loaded,
      initiation,
      idempotency: { key, rawBody },
      metadata: metadataOf(principal, request),
    });
    const payment = await this.payments.load(paymentId);
    if (!payment) throw notFound('Payment');
    await this.responder.send(reply, 201, this.representation(payment));
  }

  @Get(':paymentId')
  @ReadDocs("Track a payment's status", { name: 'paymentId', description: 'The DomesticPaymentId' })
  async read(
    @Principal() principal: VerifiedPrincipal,
    @Param('paymentId') paymentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!PAYMENT_ID.test(paymentId)) throw notFound('Payment');
    const payment = await this.payments.load(paymentId);
    if (!payment || payment.order.clientId !== principal.client_id) throw notFound('Payment');
    const current = await this.payments.refresh(payment, metadataOf(principal, request));
    await this.responder.send(reply, 200, this.representation(current));
  }

  private representation({ order, createdAt, statusUpdatedAt, document }: LoadedPayment): object {
    return {
      Data: {
        DomesticPaymentId: order.paymentId,
        ConsentId: order.consentId,
        Status: order.status,
        ...(order.statusReason
          ? {
              StatusReason: [
                { StatusReasonCode: order.statusReason, StatusReasonDescription: order.statusReason },
              ],
            }
          : {}),
        CreationDateTime: createdAt.toISOString(),
        StatusUpdateDateTime: statusUpdatedAt.toISOString(),
        Initiation: document.Initiation,
      },
      Links: { Self: this.responder.link(`${PATH}/${order.paymentId}`) },
      Meta: {},
    };
  }
}

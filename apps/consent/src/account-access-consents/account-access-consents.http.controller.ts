// POST/GET/DELETE /aisp/account-access-consents (CON-1), with client_credentials tokens carrying
// the accounts scope, x-idempotency-key on POST (CON-4), and BOLA on every access (CON-6).
import { Controller, Delete, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newResourceId } from '../open-banking/resource-ids';
import { Principal, ProtectedResourceGuard, RequireScopes, type VerifiedPrincipal } from '@grantline/oauth';
import { ConsentStore, type LoadedConsent } from '../consents/consent-store';
import { IdempotencyKeys, idempotencyKeyOf } from '../open-banking/idempotency-keys';
import { MessageSigning } from '../open-banking/message-signing';
import { ObResponder, metadataOf, requireClientCredentials } from '../open-banking/ob-exchange';
import { obDateTime } from '../open-banking/ob-date-time';
import { ObError, badRequest, notFound } from '../open-banking/ob-error';
import { parseBody } from '../open-banking/ob-validation';
import { rawBodyOf } from '../open-banking/raw-json-body';
import { AccountAccessConsentRequest, permissionProblems } from './account-access-consent.request.dto';
import { ownedConsent, statusReasonOf } from '../consents/owned-consent';
import { CreateDocs, OpenBankingApiDocs, ReadDocs } from '../open-banking/open-banking.openapi';
import { ApiOperation } from '@nestjs/swagger';

const PATH = '/aisp/account-access-consents';

@Controller('open-banking/v4.0/aisp/account-access-consents')
@OpenBankingApiDocs('account access consents')
@UseGuards(ProtectedResourceGuard)
@RequireScopes('accounts')
export class AccountAccessConsentsController {
  constructor(
    private readonly consents: ConsentStore,
    private readonly idempotency: IdempotencyKeys,
    private readonly signing: MessageSigning,
    private readonly responder: ObResponder,
  ) {}

  @Post()
  @CreateDocs(
    'Create an account access consent (status AWAU)',
    'With a client_credentials token carrying the accounts scope. Then push an authorization request naming the ConsentId in authorization_details (type account_access).',
  )
  async create(
    @Principal() principal: VerifiedPrincipal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireClientCredentials(principal);
    const key = idempotencyKeyOf(request.headers['x-idempotency-key']);
    const rawBody = rawBodyOf(request);
    await this.signing.verifyRequest(principal.client_id, request.headers['x-jws-signature'], rawBody, false);
    const body = parseBody(AccountAccessConsentRequest, request.body);
    const problems = permissionProblems(body.Data, new Date());
    if (problems.length > 0) {
      throw new ObError(
        400,
        'UK.OBIE.Field.Invalid',
        'The consent request is invalid',
        problems.map((problem) => ({ ErrorCode: 'UK.OBIE.Field.Invalid', Message: problem, Path: 'Data' })),
      );
    }
    const consentId = newResourceId('aac');
    const data = body.Data;
    const { resourceId } = await this.idempotency.once(
      { clientId: principal.client_id, endpoint: PATH, key, rawBody, resourceId: consentId },
      (transaction) =>
        this.consents.create(
          transaction,
          {
            kind: 'create',
            consent: {
              consentId,
              clientId: principal.client_id,
              consentType: 'account-access',
              permissions: data.Permissions,
              ...(data.ExpirationDateTime ? { expirationDateTime: iso(data.ExpirationDateTime) } : {}),
              ...(data.TransactionFromDateTime
                ? { transactionFromDateTime: iso(data.TransactionFromDateTime) }
                : {}),
              ...(data.TransactionToDateTime
                ? { transactionToDateTime: iso(data.TransactionToDateTime) }
                : {}),
            },
          },
          { Data: { ...data }, Risk: body.Risk },
          data.ExpirationDateTime && iso(data.ExpirationDateTime),
          metadataOf(principal, request),
        ),
    );
    const loaded = await this.consents.load(resourceId);
    if (!loaded) throw notFound('Consent');
    await this.responder.send(reply, 201, this.representation(loaded));
  }

  @Get(':consentId')
  @ReadDocs('Read an account access consent and its status', {
    name: 'consentId',
    description: 'The ConsentId',
  })
  async read(
    @Principal() principal: VerifiedPrincipal,
    @Param('consentId') consentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireClientCredentials(principal);
    const loaded = await ownedConsent(this.consents, consentId, principal, 'account-access');
    await this.responder.send(reply, 200, this.representation(await this.consents.expireIfDue(loaded)));
  }

  @Delete(':consentId')
  @ApiOperation({ summary: 'Revoke an account access consent (204); its tokens stop working' })
  async revoke(
    @Principal() principal: VerifiedPrincipal,
    @Param('consentId') consentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireClientCredentials(principal);
    await ownedConsent(this.consents, consentId, principal, 'account-access');
    await this.consents.decide(
      consentId,
      { kind: 'revoke', clientId: principal.client_id, revokedBy: 'tpp', statusReason: 'Revoked by the TPP' },
      metadataOf(principal, request),
    );
    await reply.status(204).send();
  }

  private representation({ consent, createdAt, statusUpdatedAt }: LoadedConsent): object {
    return {
      Data: {
        ConsentId: consent.consentId,
        Status: consent.status,
        ...statusReasonOf(consent),
        CreationDateTime: createdAt.toISOString(),
        StatusUpdateDateTime: statusUpdatedAt.toISOString(),
        Permissions: consent.permissions,
        ...(consent.expirationDateTime ? { ExpirationDateTime: consent.expirationDateTime } : {}),
        ...(consent.transactionFromDateTime
          ? { TransactionFromDateTime: consent.transactionFromDateTime }
          : {}),
        ...(consent.transactionToDateTime ? { TransactionToDateTime: consent.transactionToDateTime } : {}),
      },
      Risk: {},
      Links: { Self: this.responder.link(`${PATH}/${consent.consentId}`) },
      Meta: { TotalPages: 1 },
    };
  }
}

/** An OB date-time as stored: the instant in UTC. Read by the same rule the DTO validated it with. */
function iso(value: string): string {
  const instant = obDateTime(value);
  if (!instant) throw badRequest('UK.OBIE.Field.InvalidDate', `${value} is not an OB date-time`);
  return instant.toISOString();
}

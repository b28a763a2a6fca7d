// What every OB handler needs from its request and gives its response: the calling TPP, event
// metadata (correlated by x-fapi-interaction-id), and a JSON body signed with x-jws-signature.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventMetadata } from '@grantline/contracts';
import { PUBLIC_ORIGIN, type VerifiedPrincipal } from '@grantline/oauth';
import { requestIdentity } from '@grantline/platform';
import { MessageSigning } from './message-signing';
import { forbidden } from './ob-error';

export const OB_BASE_PATH = '/open-banking/v4.0';

export function metadataOf(principal: VerifiedPrincipal, request: FastifyRequest): EventMetadata {
  const interactionId = requestIdentity(request.raw)?.interactionId ?? String(request.id);
  return {
    correlationId: interactionId,
    actor: { kind: 'tpp', id: principal.client_id },
    clientId: principal.client_id,
    interactionId,
  };
}

/** Consents are registered with client_credentials tokens: the subject is the TPP itself (RFC 9068 §2.2). */
export function requireClientCredentials(principal: VerifiedPrincipal): void {
  if (principal.sub !== principal.client_id) {
    throw forbidden('This resource needs a client_credentials access token');
  }
}

@Injectable()
export class ObResponder {
  constructor(
    private readonly signing: MessageSigning,
    @Inject(PUBLIC_ORIGIN) private readonly publicOrigin: string,
  ) {}

  link(path: string): string {
    return `${this.publicOrigin}${OB_BASE_PATH}${path}`;
  }

  async send(reply: FastifyReply, status: number, body: object): Promise<void> {
    const text = JSON.stringify(body);
    const signature = await this.signing.signResponse(text);
    if (signature) reply.header('x-jws-signature', signature);
    await reply.status(status).header('content-type', 'application/json; charset=utf-8').send(text);
  }
}

// The Grant Management API (FAPI Grant Management §6): GET and DELETE /grants/{grant_id}, with a
// sender-constrained access token (DPoP or mTLS; a bearer token is refused by the guard) carrying
// grant_management_query or grant_management_revoke. Only the client that holds the grant sees or
// revokes it (GM-3); an unknown, revoked or other client's grant is the same 404, so grant ids
// cannot be probed. DELETE appends GrantRevoked (revokedBy tpp); the token service then revokes
// the grant's tokens and every resource server's denylist refuses them (GM-2).
import { Controller, Delete, Get, Header, HttpCode, Param, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { EventMetadata } from '@grantline/contracts';
import {
  GrantNotFoundError,
  Principal,
  ProtectedResourceGuard,
  RequireScopes,
  type VerifiedPrincipal,
} from '@grantline/oauth';
import { requestIdentity } from '@grantline/platform';
import { GrantRefused } from '../grants/domain/grant.decider';
import { GrantStore } from '../grants/grant-store';
import { GrantViews, type GrantView } from '../grants/grant-views';
import { grantQueryResponse, type GrantQueryResponse } from './grant-response';
import { QueryGrantDocs, RevokeGrantDocs } from './grants.openapi';

const GRANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

function metadataOf(principal: VerifiedPrincipal, request: FastifyRequest): EventMetadata {
  const interactionId = requestIdentity(request.raw)?.interactionId ?? String(request.id);
  return {
    correlationId: interactionId,
    actor: { kind: 'tpp', id: principal.client_id },
    clientId: principal.client_id,
    interactionId,
  };
}

@Controller('grants')
@UseGuards(ProtectedResourceGuard)
export class GrantsController {
  constructor(
    private readonly views: GrantViews,
    private readonly grants: GrantStore,
  ) {}

  @Get(':grantId')
  @QueryGrantDocs()
  @RequireScopes('grant_management_query')
  @Header('Cache-Control', 'no-store')
  async query(
    @Param('grantId') grantId: string,
    @Principal() principal: VerifiedPrincipal,
  ): Promise<GrantQueryResponse> {
    const grant = await this.activeGrantOf(grantId, principal);
    return grantQueryResponse(grant.content);
  }

  @Delete(':grantId')
  @RevokeGrantDocs()
  @RequireScopes('grant_management_revoke')
  @HttpCode(204)
  async revoke(
    @Param('grantId') grantId: string,
    @Principal() principal: VerifiedPrincipal,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.activeGrantOf(grantId, principal);
    try {
      const { events } = await this.grants.decide(
        grantId,
        {
          kind: 'revoke',
          clientId: principal.client_id,
          revokedBy: 'tpp',
          reason: 'revoked by the client (DELETE)',
        },
        metadataOf(principal, request),
      );
      // Revoked meanwhile by another request: this DELETE found nothing left to revoke.
      if (events.length === 0) throw new GrantNotFoundError();
    } catch (error) {
      if (error instanceof GrantRefused) throw new GrantNotFoundError();
      throw error;
    }
  }

  private async activeGrantOf(grantId: string, principal: VerifiedPrincipal): Promise<GrantView> {
    const grant = GRANT_ID.test(grantId) ? await this.views.find(grantId) : undefined;
    if (!grant || grant.content.clientId !== principal.client_id || grant.status !== 'active') {
      throw new GrantNotFoundError();
    }
    return grant;
  }
}

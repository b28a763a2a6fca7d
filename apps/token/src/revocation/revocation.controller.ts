// POST /revoke (RFC 7009, TOK-6). The caller must authenticate; revoking one of its own refresh
// tokens also revokes the access tokens of the grant it holds; one of its access tokens is revoked
// alone. An unknown, expired or another client's token gets the same empty 200 (§2.2), so the
// answer never reveals whether a token exists or whose it is.
import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { randomId } from '@grantline/crypto';
import { PostOnlyEndpoint, requestIdentity } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenStatusRequests } from '../introspection/token-status-request';
import { RevokeToken } from './revoke-token';
import { RevocationEndpointDocs } from '../token-endpoint/token-endpoints.openapi';

@Controller('revoke')
export class RevocationController extends PostOnlyEndpoint {
  constructor(
    private readonly requests: TokenStatusRequests,
    private readonly revokeToken: RevokeToken,
  ) {
    super();
  }

  @Post()
  @RevocationEndpointDocs()
  @HttpCode(200)
  async revoke(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const accepted = await this.requests.accept(request);
    const presented = await this.requests.identify(accepted);
    if (!presented || presented.record.clientId !== accepted.client.clientId) return;
    await this.revokeToken.handle(
      presented,
      accepted.client.clientId,
      requestIdentity(request.raw)?.interactionId ?? randomId(16),
    );
  }
}

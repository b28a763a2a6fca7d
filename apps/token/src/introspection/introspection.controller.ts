// POST /introspect (RFC 7662, TOK-5). The caller must authenticate (401 invalid_client otherwise);
// only the client a token was issued to learns that it is active and what it carries.
import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { PostOnlyEndpoint } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenStatusRequests } from './token-status-request';
import { type IntrospectionResponse, introspectionResponse } from './introspection-response';
import { IntrospectionEndpointDocs } from '../token-endpoint/token-endpoints.openapi';

@Controller('introspect')
export class IntrospectionController extends PostOnlyEndpoint {
  constructor(private readonly requests: TokenStatusRequests) {
    super();
  }

  @Post()
  @HttpCode(200)
  @IntrospectionEndpointDocs()
  async introspect(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntrospectionResponse> {
    // Token metadata is as sensitive as the token: never cached (RFC 7662 §4).
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const accepted = await this.requests.accept(request);
    const presented = await this.requests.identify(accepted);
    return introspectionResponse(
      presented,
      accepted.client.clientId,
      this.requests.issuer,
      this.requests.now(),
    );
  }
}

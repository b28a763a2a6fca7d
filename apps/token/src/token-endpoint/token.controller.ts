// POST /token (RFC 6749 §3.2). Thin: take the form and the DPoP header, run the use case, answer
// 200 with Cache-Control: no-store (§5.1). Any other method is 405; a body that is not a form is
// invalid_request. When DPoP nonces are on, every answer carries the next one (DPOP-2).
import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { randomId } from '@grantline/crypto';
import {
  type FormValue,
  InvalidClientError,
  InvalidRequestError,
  clientCertificateOf,
} from '@grantline/oauth';
import { PostOnlyEndpoint, requestIdentity } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TOKEN_SETTINGS, type TokenSettings } from '../settings/token-settings';
import { RequestTokens } from './request-tokens';
import type { TokenResponse } from './token-response';
import { TokenEndpointDocs } from './token-endpoints.openapi';

const FORM = 'application/x-www-form-urlencoded';
/** An RFC 9110 auth-scheme token. */
const AUTH_SCHEME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,32}$/;

@Controller('token')
export class TokenController extends PostOnlyEndpoint {
  constructor(
    private readonly requestTokens: RequestTokens,
    @Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings,
  ) {
    super();
  }

  @Post()
  @HttpCode(200)
  @TokenEndpointDocs()
  async token(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenResponse> {
    reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== FORM || typeof request.body !== 'object' || request.body === null) {
      throw new InvalidRequestError(`the token request must be ${FORM}`);
    }
    let response: TokenResponse;
    try {
      response = await this.requestTokens.handle(
        {
          form: { ...(request.body as Record<string, FormValue>) },
          authorizationHeader: request.headers.authorization,
          dpopHeader: request.headers.dpop,
          // MTLS-1: the TLS peer's certificate, or a trusted proxy's forwarded one.
          clientCertificate: clientCertificateOf(request, this.settings.clientCertificates),
        },
        requestIdentity(request.raw)?.interactionId ?? randomId(16),
      );
    } catch (error) {
      // RFC 6749 §5.2: a client that tried the Authorization header gets a challenge for its scheme.
      const authorization = request.headers.authorization;
      if (error instanceof InvalidClientError && authorization !== undefined) {
        const scheme = authorization.split(' ')[0];
        reply.header('www-authenticate', `${AUTH_SCHEME.test(scheme) ? scheme : 'Basic'} realm="token"`);
      }
      throw error;
    }
    const nonces = this.settings.dpopNonces;
    if (nonces) reply.header('dpop-nonce', nonces.nonces.issue());
    return response;
  }
}

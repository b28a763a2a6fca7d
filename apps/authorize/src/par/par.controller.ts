// POST /par (RFC 9126). Thin: take the form, run the use case, answer 201. Any other method is 405
// (PAR-5); a body that is not a form is invalid_request.
import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { InvalidRequestError } from '@grantline/oauth';
import { PostOnlyEndpoint, requestIdentity } from '@grantline/platform';
import type { FastifyRequest } from 'fastify';
import { randomId } from '@grantline/crypto';
import type { FormValue } from './par-context';
import { PushAuthorizationRequest, type PushedAuthorizationResponse } from './push-authorization-request';
import { PushedAuthorizationRequestDocs } from './authorization-endpoints.openapi';

const FORM = 'application/x-www-form-urlencoded';

@Controller('par')
export class ParController extends PostOnlyEndpoint {
  constructor(private readonly push: PushAuthorizationRequest) {
    super();
  }

  @Post()
  @HttpCode(201)
  @PushedAuthorizationRequestDocs()
  async pushAuthorizationRequest(@Req() request: FastifyRequest): Promise<PushedAuthorizationResponse> {
    const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== FORM || typeof request.body !== 'object' || request.body === null) {
      throw new InvalidRequestError(`the pushed request must be ${FORM}`);
    }
    const identity = requestIdentity(request.raw);
    return this.push.handle(
      {
        form: { ...(request.body as Record<string, FormValue>) },
        authorizationHeader: request.headers.authorization,
        dpopHeader: request.headers.dpop,
        peer: request,
      },
      identity?.interactionId ?? randomId(16),
    );
  }
}

// POST /introspect (RFC 7662, TOK-5). The caller must authenticate (401 invalid_client otherwise);
// only the client a token was issued to learns that it is active and what it carries.
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  MethodNotAllowedException,
  Patch,
  Post,
  Put,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenStatusRequests } from './token-status-request';
import { type IntrospectionResponse, introspectionResponse } from './introspection-response';

@Controller('introspect')
export class IntrospectionController {
  constructor(private readonly requests: TokenStatusRequests) {}

  @Post()
  @HttpCode(200)
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

  // RFC 7662 §2.1: POST only.
  @Get()
  get(): never {
    throw new MethodNotAllowedException();
  }

  @Put()
  put(): never {
    throw new MethodNotAllowedException();
  }

  @Patch()
  patch(): never {
    throw new MethodNotAllowedException();
  }

  @Delete()
  delete(): never {
    throw new MethodNotAllowedException();
  }
}

// The one exception filter per app: protocol errors in their own format, anything else a generic
// 500 that reveals nothing, logged with its cause.
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorFormat } from './error-format';
import { renderError } from './render-error';
import { requestIdentity } from '../http/request-identity';

@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProtocolExceptionFilter');

  constructor(private readonly format: ErrorFormat) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const interactionId = requestIdentity(request.raw)?.interactionId;
    const { problem, unexpected } = renderError(exception, this.format, { interactionId });
    if (unexpected) {
      this.logger.error(
        { err: exception, method: request.method, route: request.routeOptions?.url },
        'unexpected error',
      );
    }
    if (reply.sent) return;
    reply
      .status(problem.status)
      .headers({
        ...problem.headers,
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      })
      .send(JSON.stringify(problem.body));
  }
}

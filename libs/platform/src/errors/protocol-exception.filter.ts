// The one exception filter per app: protocol errors in their own format, anything else a generic
// 500 that reveals nothing, logged with its cause.
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorFormat } from './error-format';
import { renderError } from './render-error';
import type { ProtocolProblem } from './protocol-problem';
import { requestIdentity } from '../http/request-identity';

@Catch()
export class ProtocolExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProtocolExceptionFilter');

  constructor(private readonly format: ErrorFormat) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const identity = requestIdentity(request.raw);
    const { problem, unexpected } = renderError(exception, this.format, {
      interactionId: identity?.interactionId,
    });
    if (unexpected) {
      // The request id ties this line to the request's own line (written when it is answered).
      this.logger.error(
        {
          err: exception,
          requestId: identity?.requestId,
          method: request.method,
          route: request.routeOptions?.url,
        },
        'unexpected error',
      );
    }
    if (reply.sent) return;
    sendProblem(reply, problem);
  }
}

export function sendProblem(reply: FastifyReply, problem: ProtocolProblem): void {
  reply
    .status(problem.status)
    .headers({
      ...problem.headers,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    })
    .send(JSON.stringify(problem.body));
}

/**
 * Fastify answers a URL it cannot decode before any route or Nest filter sees the request
 * (`frameworkErrors`); this renders that answer in the service's protocol format too.
 */
export function frameworkErrorRenderer(format: ErrorFormat) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    const interactionId = requestIdentity(request.raw)?.interactionId;
    sendProblem(reply, renderError(error, format, { interactionId }).problem);
  };
}

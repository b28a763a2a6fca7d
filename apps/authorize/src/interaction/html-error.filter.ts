// Errors of the browser-facing endpoints are shown on our own page, never redirected (RESP-2): the
// browser has no verified place to go, and a redirect could land on a phishing URI. Nothing
// unexpected ever shows more than a generic message and a reference.
import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isOAuthError } from '@grantline/oauth';
import { isDependencyOutage, requestIdentity } from '@grantline/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthorizationStateError } from '../authorization/authorization.decider';
import { sendPage } from './pages';

@Catch()
export class HtmlErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HtmlErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const interactionId = requestIdentity(request.raw)?.interactionId;
    let status = 500;
    let code = 'server_error';
    let message = 'Something went wrong on our side.';
    if (isOAuthError(exception)) {
      status = exception.status >= 500 ? 500 : exception.status;
      code = exception.code;
      message = exception.description ?? 'The request cannot be completed.';
    } else if (exception instanceof AuthorizationStateError) {
      status = 400;
      code = 'invalid_request';
      message = 'This authorization is already complete or cannot take this step now.';
    } else if (
      (exception as { statusCode?: number } | null)?.statusCode === 404 ||
      (exception as { status?: number } | null)?.status === 404
    ) {
      status = 404;
      code = 'not_found';
      message = 'There is no such page.';
    } else if (isDependencyOutage(exception)) {
      // The database is out of reach for a moment (ROB-2): the person may simply try again.
      this.logger.error({ err: exception, route: request.routeOptions?.url }, 'database unavailable');
      status = 503;
      code = 'temporarily_unavailable';
      message = 'The service is briefly unavailable. Please try again in a moment.';
    } else {
      this.logger.error({ err: exception, route: request.routeOptions?.url }, 'unexpected error');
    }
    if (reply.sent) return;
    sendPage(reply, status, 'error', { code, message, interactionId });
  }
}

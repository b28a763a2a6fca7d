// One function decides what any thrown value becomes on the wire. Used by the Nest exception filter
// and by Fastify's error handler (body parsing, size limits, rate limits happen before Nest).
import { HttpException } from '@nestjs/common';
import { isDependencyOutage } from './dependency-outage';
import type { ErrorFormat } from './error-format';
import { kindOfStatus } from './error-format';
import { rendersProtocolProblem, type ProblemContext, type ProtocolProblem } from './protocol-problem';

export interface RenderedError {
  problem: ProtocolProblem;
  /** True when the error was not anticipated and must be logged with its cause. */
  unexpected: boolean;
}

function statusOfFrameworkError(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

export function renderError(error: unknown, format: ErrorFormat, context: ProblemContext): RenderedError {
  if (rendersProtocolProblem(error)) {
    return { problem: error.toProtocolProblem(context), unexpected: false };
  }
  const status = statusOfFrameworkError(error);
  if (status !== undefined && status < 500) {
    return { problem: format.render(kindOfStatus(status), context), unexpected: false };
  }
  if (status === 503) return { problem: format.render('unavailable', context), unexpected: false };
  // Logged (the operator must know the database is out of reach), but the client may retry.
  if (isDependencyOutage(error)) return { problem: format.render('unavailable', context), unexpected: true };
  return { problem: format.render('internal', context), unexpected: true };
}

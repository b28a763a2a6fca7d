// JSON logs through pino (nestjs-pino): one line per request, credentials redacted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './redaction';
import { OPERATIONAL_PATHS } from '../http/operational-paths';
import { requestIdentity } from '../http/request-identity';
import type { LogLevel } from '../config/service.config';

export interface LoggingOptions {
  service: string;
  level: LogLevel;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** Nest runs pino-http as middleware, which sees the URL relative to its mount; this is the full one. */
function originalUrl(request: IncomingMessage | undefined): string | undefined {
  return (request as (IncomingMessage & { originalUrl?: string }) | undefined)?.originalUrl ?? request?.url;
}

/** pino-http hands serializers its own view of the request, with the Node request as `raw`. */
type SerializedRequest = { raw?: IncomingMessage; url?: string; method?: string; remoteAddress?: string };

export function serializeRequest(request: SerializedRequest): Record<string, unknown> {
  const raw = request.raw;
  const ids = raw ? requestIdentity(raw) : undefined;
  return {
    id: ids?.requestId,
    interactionId: ids?.interactionId,
    method: request.method ?? raw?.method,
    url: redactUrl(originalUrl(raw) ?? request.url ?? ''),
    remoteAddress: request.remoteAddress ?? raw?.socket?.remoteAddress,
    userAgent: raw?.headers['user-agent'],
  };
}

export function serializeResponse(response: ServerResponse): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

export function pinoHttpParams(options: LoggingOptions): Params {
  return {
    pinoHttp: [
      {
        name: options.service,
        level: options.level,
        redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
        base: { service: options.service },
        genReqId: (request: IncomingMessage) => requestIdentity(request)?.requestId ?? 'unknown',
        serializers: { req: serializeRequest, res: serializeResponse },
        autoLogging: {
          ignore: (request: IncomingMessage) =>
            OPERATIONAL_PATHS.has(originalUrl(request)?.split('?')[0] ?? ''),
        },
        customLogLevel: (_request, response, error) =>
          error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      },
      options.destination ?? process.stdout,
    ],
  } as Params;
}

export function loggerModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot(pinoHttpParams(options));
}

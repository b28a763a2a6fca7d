// JSON logs through pino: one line per answered request, credentials redacted (TOK-7).
//
// The request line is written by a Fastify onResponse hook, and only built when its level is on.
// Nothing is done per request before that: no child logger whose bindings (the serialised and
// redacted request) are built eagerly for every request, and no AsyncLocalStorage, whose async
// hooks tax every promise of the process. Both cost the hot paths (balances, PAR, token) several
// per cent of their CPU even at `warn`, when a 200 writes nothing.
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from 'pino';
import { REDACTED, REDACTED_LOG_PATHS, redactUrl } from './redaction';
import { isOperationalPath } from '../http/operational-paths';
import { requestIdentity } from '../http/request-identity';
import type { LogLevel } from '../config/service.config';

export interface LoggingOptions {
  service: string;
  level: LogLevel;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

/** What a request line says of the request; `raw` is the Node request. */
type LoggedRequest = { raw?: IncomingMessage; url?: string; method?: string; remoteAddress?: string };

export function serializeRequest(request: LoggedRequest): Record<string, unknown> {
  const raw = request.raw;
  const ids = raw ? requestIdentity(raw) : undefined;
  return {
    id: ids?.requestId,
    interactionId: ids?.interactionId,
    method: request.method ?? raw?.method,
    url: redactUrl(request.url ?? raw?.url ?? ''),
    remoteAddress: request.remoteAddress ?? raw?.socket?.remoteAddress,
    userAgent: raw?.headers['user-agent'],
  };
}

export function serializeResponse(response: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: response.statusCode };
}

/**
 * The service's pino options: its name, level, and what every line goes through. Whatever is
 * logged as `req` or `res` keeps only the serialisers' fields, then credentials are redacted.
 */
export function loggerOptions(options: LoggingOptions): LoggerOptions {
  return {
    name: options.service,
    level: options.level,
    redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
    base: { service: options.service },
    serializers: { req: serializeRequest, res: serializeResponse },
  };
}

export function createServiceLogger(options: LoggingOptions): Logger {
  return pino(loggerOptions(options), options.destination ?? process.stdout);
}

export function requestLogLevel(statusCode: number): Level {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/** One line per answered request, except the probes and scrapes of the operational paths. */
export function logRequests(server: FastifyInstance, logger: Logger): void {
  server.addHook('onResponse', (request, reply, done) => {
    const level = requestLogLevel(reply.statusCode);
    if (logger.isLevelEnabled(level) && !isOperationalPath(request.url)) {
      logger[level](
        {
          req: { raw: request.raw, url: request.url, method: request.method, remoteAddress: request.ip },
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}

const NEST_LEVELS = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
} as const satisfies Record<string, Level>;

/**
 * Nest's LoggerService over the service's pino logger: Nest's own lines and every
 * `new Logger(context)` in the code. A first argument that is an object becomes fields of the line
 * (an Error its `err`); the last string argument is the context Nest's Logger appends.
 */
export class ServiceLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(method: keyof typeof NEST_LEVELS, message: unknown, params: unknown[]): void {
    const level = NEST_LEVELS[method];
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, typeof rest[0] === 'string' ? rest[0] : message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      // Nest's Logger.error(message, stack, context) hands the stack as the middle argument.
      if (typeof rest[0] === 'string') fields['stack'] = rest[0];
      this.pino[level](fields, String(message));
    }
  }
}

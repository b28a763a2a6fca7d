// One fuzz request and what came back, over kept-alive connections (node:http), and the property
// every answer must have: below 500, in the protocol's error format when it is an error, no stack.
// node:http, not an undici Pool: a request undici refuses (a header with a control character) left
// one of the pool's connections marked busy for good, and after a dozen every request queued forever.
import { Agent, request as httpRequest } from 'node:http';

export type ErrorFormat = 'oauth' | 'open-banking';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Pairs, so a header may be sent twice (two DPoP proofs, two content types). */
  headers: Array<[string, string]>;
  body?: string;
}

export interface FuzzAnswer {
  status: number;
  contentType: string;
  /** A resource server's RFC 6750 / RFC 9449 challenge, when it sent one. */
  challenge: string;
  text: string;
}

/** The longest body kept for a report; errors are short, so this never cuts a protocol error. */
const KEPT_BODY_CHARS = 4_000;
/** An answer slower than this is a finding (a request the server never answers), not a wait. */
const ANSWER_TIMEOUT_MS = 30_000;

export class FuzzClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    readonly origin: string,
    connections = 8,
  ) {
    this.url = new URL(origin);
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  /** Rejects when Node refuses to send the request (ERR_INVALID_CHAR…) or no answer comes in time. */
  send(request: FuzzRequest): Promise<FuzzAnswer> {
    return new Promise((resolve, reject) => {
      // Repeated names go as an array: node:http then sends the header once per value.
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of request.headers) {
        const key = name.toLowerCase();
        const earlier = headers[key];
        headers[key] = earlier === undefined ? value : [earlier, value].flat();
      }
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const sent = httpRequest(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: request.method,
          path: request.path,
          headers,
          timeout: ANSWER_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < KEPT_BODY_CHARS * 4) chunks.push(chunk);
            kept += chunk.length;
          });
          response.on('error', reject);
          response.on('end', () => {
            const header = (name: string) => {
              const value = response.headers[name];
              return Array.isArray(value) ? value.join(', ') : (value ?? '');
            };
            resolve({
              status: response.statusCode ?? 0,
              contentType: header('content-type'),
              challenge: header('www-authenticate'),
              text: Buffer.concat(chunks).toString('utf8').slice(0, KEPT_BODY_CHARS),
            });
          });
        },
      );
      sent.on('timeout', () => sent.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
      sent.on('error', reject);
      sent.end(request.body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}

const STACK_TRACE = /\n\s+at \S|\bat .*\.[jt]s:\d+:\d+|node_modules|\/dist\/|\/apps\/|\/libs\//;

function parsed(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function isOauthError(body: Record<string, unknown>): boolean {
  return (
    typeof body['error'] === 'string' &&
    /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/.test(body['error']) &&
    (body['error_description'] === undefined || typeof body['error_description'] === 'string')
  );
}

function isOpenBankingError(body: Record<string, unknown>): boolean {
  const errors = body['Errors'];
  return (
    typeof body['Code'] === 'string' &&
    typeof body['Message'] === 'string' &&
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e: unknown) =>
        e !== null &&
        typeof e === 'object' &&
        typeof (e as Record<string, unknown>)['ErrorCode'] === 'string' &&
        typeof (e as Record<string, unknown>)['Message'] === 'string',
    )
  );
}

/** Why the answer breaks the property, or undefined when it holds. */
export function violation(answer: FuzzAnswer, format: ErrorFormat): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}`;
  if (STACK_TRACE.test(answer.text)) return 'a stack trace or source path in the body';
  if (answer.status < 400) return undefined;
  const body = parsed(answer.text);
  if (!body) return `status ${answer.status} with a body that is not a JSON object`;
  // An oversized header block is refused before the request line is known for sure: either format.
  if (answer.status === 431 && (isOauthError(body) || isOpenBankingError(body))) return undefined;
  if (format === 'oauth' && !isOauthError(body)) return `status ${answer.status} without an OAuth error body`;
  // The token check in front of the OB API answers as a resource server (RFC 6750 §3, RFC 9449 §7):
  // a WWW-Authenticate challenge with the OAuth error JSON.
  const challenged = answer.challenge !== '' && [400, 401, 403].includes(answer.status) && isOauthError(body);
  if (format === 'open-banking' && !isOpenBankingError(body) && !challenged)
    return `status ${answer.status} without an Open Banking error body`;
  return undefined;
}

// x-jws-signature (CON-5) signs the body exactly as sent, so the JSON parser keeps the raw text
// beside the parsed value. Malformed JSON is a 400, rendered as an OB error body by the filter; so is
// JSON the service could not process or store (absurd nesting, NUL, unpaired surrogates).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest } from './ob-error';

const RAW_BODY = Symbol.for('grantline.consent.rawBody');

/** Deeper than any OB document (free-form Risk included), far shallower than the validators' recursion limit. */
const MAX_DEPTH = 32;

/** NUL, or half of a surrogate pair (`"\ud800"` in the JSON text): PostgreSQL's jsonb stores neither. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE_TEXT = /\u0000|\p{Cs}/u;

/**
 * Why a parsed document cannot be taken, or undefined: nesting deep enough to overflow the stack in
 * class-transformer, or text PostgreSQL's jsonb refuses (UNSTORABLE_TEXT) in a string or a key.
 * Iterative, so the check itself never recurses.
 */
export function unacceptableJson(value: unknown): string | undefined {
  const unstorable = 'The request body contains a NUL character or an unpaired surrogate';
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === 'string' && UNSTORABLE_TEXT.test(item)) return unstorable;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) return `The request body nests deeper than ${MAX_DEPTH} levels`;
    for (const [key, child] of Object.entries(item)) {
      if (UNSTORABLE_TEXT.test(key)) return unstorable;
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

export function rawBodyOf(request: object): string {
  return (request as { [RAW_BODY]?: string })[RAW_BODY] ?? '';
}

@Injectable()
export class RawJsonBody implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    server.removeContentTypeParser('application/json');
    server.addContentTypeParser(
      'application/json',
      { parseAs: 'string' },
      (
        request: FastifyRequest,
        body: string | Buffer,
        done: (error: Error | null, value?: unknown) => void,
      ) => {
        const text = typeof body === 'string' ? body : body.toString('utf8');
        (request as unknown as { [RAW_BODY]: string })[RAW_BODY] = text;
        let parsed: unknown;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          return done(badRequest('UK.OBIE.Field.Invalid', 'The request body is not valid JSON'));
        }
        const refusal = unacceptableJson(parsed);
        done(refusal ? badRequest('UK.OBIE.Field.Invalid', refusal) : null, refusal ? undefined : parsed);
      },
    );
  }
}

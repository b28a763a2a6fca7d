// x-jws-signature (CON-5) signs the body exactly as sent, so the JSON parser keeps the raw text
// beside the parsed value. Malformed JSON is a 400, rendered as an OB error body by the filter; so is
// JSON the service could not process or store (acceptable-json: absurd nesting, NUL, unpaired
// surrogates, __proto__/constructor/prototype keys).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unacceptableJson } from './acceptable-json';
import { badRequest } from './ob-error';

const RAW_BODY = Symbol.for('grantline.consent.rawBody');

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
        done(refusal ?? null, refusal ? undefined : parsed);
      },
    );
  }
}

// Every request gets a request id and an x-fapi-interaction-id. A caller's values are echoed only
// when well formed, so nothing a client sends is reflected into a response header unchecked.
import type { IncomingMessage } from 'node:http';

export interface RequestIdentity {
  requestId: string;
  interactionId: string;
}

const IDENTITY = Symbol.for('grantline.requestIdentity');
const REQUEST_ID_FORMAT = /^[A-Za-z0-9._-]{8,128}$/;
const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type IdentifiedRequest = IncomingMessage & { [IDENTITY]?: RequestIdentity };

function single(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** Called once per request as Fastify's genReqId; returns the request id. */
export function assignRequestIdentity(request: IncomingMessage): string {
  const given = single(request.headers['x-request-id']);
  const interaction = single(request.headers['x-fapi-interaction-id']);
  const identity: RequestIdentity = {
    requestId: given && REQUEST_ID_FORMAT.test(given) ? given : globalThis.crypto.randomUUID(),
    interactionId:
      interaction && UUID_FORMAT.test(interaction) ? interaction : globalThis.crypto.randomUUID(),
  };
  (request as IdentifiedRequest)[IDENTITY] = identity;
  return identity.requestId;
}

export function requestIdentity(request: IncomingMessage): RequestIdentity | undefined {
  return (request as IdentifiedRequest)[IDENTITY];
}

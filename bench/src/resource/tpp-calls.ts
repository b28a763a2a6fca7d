// What a TPP sends to the consent service: a DPoP-bound token with a fresh proof per request, and
// for payment POSTs an x-idempotency-key and, when the profile requires it, x-jws-signature.
import { createDpopProof, randomId, signDetachedJws } from '@grantline/crypto';
import { BASE, ORIGIN, type Tpp } from './consent-host';
import type { HttpClient, Response } from './load';

export interface Call {
  token: string;
  body?: unknown;
  sign?: boolean;
  idempotent?: boolean;
}

export class TppCalls {
  constructor(
    private readonly http: HttpClient,
    private readonly tpp: Tpp,
  ) {}

  async send(method: 'GET' | 'POST', path: string, call: Call): Promise<Response> {
    const url = `${BASE}${path}`;
    const headers: Record<string, string> = {
      authorization: `DPoP ${call.token}`,
      dpop: await createDpopProof({
        key: this.tpp.dpopKey,
        method,
        url: `${ORIGIN}${url}`,
        accessToken: call.token,
        clock: Date.now,
      }),
    };
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotent) headers['x-idempotency-key'] = randomId(16);
    if (payload !== undefined && call.sign) {
      headers['x-jws-signature'] = await signDetachedJws(this.tpp.signingKey, payload, {
        issuer: this.tpp.clientId,
        clock: Date.now,
      });
    }
    return this.http.send(method, url, headers, payload);
  }

  /** Sends and parses an expected status, or throws with what came back. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OB bodies are read field by field
  async expect(status: number, method: 'GET' | 'POST', path: string, call: Call): Promise<any> {
    const response = await this.send(method, path, call);
    if (response.status !== status)
      throw new Error(`${method} ${path}: ${response.status} ${response.body.slice(0, 300)}`);
    return JSON.parse(response.body);
  }
}

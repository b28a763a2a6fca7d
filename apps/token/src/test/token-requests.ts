// A TPP's token requests for tests: form + client assertion (aud = issuer) + DPoP proof for the
// token endpoint, each part replaceable so negative tests can break exactly one thing.
import {
  type Clock,
  type JwsAlgorithm,
  type SigningKey,
  createDpopProof,
  epochSeconds,
  randomId,
  signJwt,
  systemClock,
} from '@grantline/crypto';
import type { TestTpp } from '@grantline/testing';

export interface TokenCall {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface TokenCallOptions {
  /** Replaces the client assertion (undefined value = leave it out). */
  assertion?: string | null;
  /** DPoP header value(s); null = no DPoP header; default = a fresh proof of the TPP's DPoP key. */
  dpop?: string | string[] | null;
  dpopKey?: SigningKey;
  dpopNonce?: string;
  clock?: Clock;
  headers?: Record<string, string>;
  contentType?: string;
}

export async function postToken(
  tpp: TestTpp,
  endpoint: string,
  issuer: string,
  parameters: Record<string, string | string[] | undefined>,
  options: TokenCallOptions = {},
): Promise<TokenCall> {
  const form = new URLSearchParams();
  const assertion = options.assertion === undefined ? await tpp.clientAssertion(issuer) : options.assertion;
  const all: Record<string, string | string[] | undefined> = {
    ...(assertion !== null && {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }),
    ...parameters,
  };
  for (const [name, value] of Object.entries(all)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  }
  const headers = new Headers({
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    ...options.headers,
  });
  const dpop =
    options.dpop === undefined
      ? await createDpopProof({
          key: options.dpopKey ?? tpp.dpopKey,
          method: 'POST',
          url: endpoint,
          clock: options.clock ?? systemClock,
          nonce: options.dpopNonce,
        })
      : options.dpop;
  if (dpop !== null) for (const value of Array.isArray(dpop) ? dpop : [dpop]) headers.append('dpop', value);
  const response = await fetch(endpoint, { method: 'POST', headers, body: form });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { unparsed: text };
  }
  return { status: response.status, body, headers: response.headers };
}

/** A DPoP proof with any header or claim replaced (undefined = left out), for DPOP-1 negatives. */
export async function customDpopProof(
  key: SigningKey,
  endpoint: string,
  options: {
    header?: Record<string, unknown>;
    claims?: Record<string, unknown>;
    alg?: string;
  } = {},
): Promise<string> {
  const { kid: _kid, ...jwk } = key.publicJwk as Record<string, unknown>;
  const claims = Object.fromEntries(
    Object.entries({
      jti: randomId(16),
      htm: 'POST',
      htu: endpoint,
      iat: epochSeconds(systemClock),
      ...options.claims,
    }).filter(([, value]) => value !== undefined),
  );
  const signer = options.alg
    ? { kid: key.kid, alg: options.alg as JwsAlgorithm, sign: (input: Uint8Array) => key.sign(input) }
    : key;
  return signJwt(signer, claims, { typ: 'dpop+jwt', jwk, ...options.header });
}

/** An unsecured (`alg: none`) DPoP proof. */
export function unsignedDpopProof(key: SigningKey, endpoint: string): string {
  const { kid: _kid, ...jwk } = key.publicJwk as Record<string, unknown>;
  const segment = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { jti: randomId(16), htm: 'POST', htu: endpoint, iat: epochSeconds(systemClock) };
  return `${segment({ alg: 'none', typ: 'dpop+jwt', jwk })}.${segment(claims)}.`;
}

// Compact JWS production through the Signer port: `alg` and `kid` always come from the signer.
import { encodeBase64url } from '../encoding/base64url';
import type { Signer } from '../keys/signing-key';
import { encodeSegment } from './compact';

/** Extra protected header parameters; `alg` and `kid` are the signer's and cannot be overridden. */
export type HeaderParameters = Readonly<Record<string, unknown>>;

/** Encoded headers per signer: a service signs thousands of tokens with the same few headers. */
const encodedHeaders = new WeakMap<Signer, Map<string, string>>();
const HEADERS_PER_SIGNER = 64;

export async function signJws(
  signer: Signer,
  payload: Uint8Array | string,
  header: HeaderParameters = {},
): Promise<string> {
  const signingInput = `${encodedHeader(signer, header)}.${encodeBase64url(payload)}`;
  const signature = await signer.sign(Buffer.from(signingInput, 'ascii'));
  return `${signingInput}.${encodeBase64url(signature)}`;
}

/** Signs a JWT claims set with the given `typ` and any extra header parameters. */
export async function signJwt(
  signer: Signer,
  claims: Readonly<Record<string, unknown>>,
  header: HeaderParameters & { readonly typ?: string } = { typ: 'JWT' },
): Promise<string> {
  return signJws(signer, JSON.stringify(claims), header);
}

function encodedHeader(signer: Signer, header: HeaderParameters): string {
  const key = JSON.stringify(header);
  let known = encodedHeaders.get(signer);
  if (!known) encodedHeaders.set(signer, (known = new Map()));
  let encoded = known.get(key);
  if (encoded === undefined) {
    encoded = encodeSegment({ ...header, alg: signer.alg, kid: signer.kid });
    if (known.size < HEADERS_PER_SIGNER) known.set(key, encoded);
  }
  return encoded;
}

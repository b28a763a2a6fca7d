// Compact JWS production through the Signer port: `alg` and `kid` always come from the signer.
import { encodeBase64url } from '../encoding/base64url';
import type { Signer } from '../keys/signing-key';
import { encodeSegment } from './compact';

/** Extra protected header parameters; `alg` and `kid` are the signer's and cannot be overridden. */
export type HeaderParameters = Readonly<Record<string, unknown>>;

export async function signJws(
  signer: Signer,
  payload: Uint8Array | string,
  header: HeaderParameters = {},
): Promise<string> {
  const encodedHeader = encodeSegment({ ...header, alg: signer.alg, kid: signer.kid });
  const encodedPayload = encodeBase64url(payload);
  const signingInput = `${encodedHeader}.${encodedPayload}`;
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

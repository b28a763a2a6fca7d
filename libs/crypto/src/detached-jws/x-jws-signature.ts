// UK Open Banking `x-jws-signature` (CON-5): a JWS with a detached payload (RFC 7515 App. F),
// profile v3.1.4 and later. Those versions dropped RFC 7797 `b64: false`, so the signature covers
// BASE64URL(header) "." BASE64URL(body) like any JWS; a header with `b64` is refused. The header
// carries `kid`, the OB claims iat/iss/tan, and `crit` naming exactly those three.
import { type Clock, epochSeconds } from '../clock/clock';
import { decodeBase64url, encodeBase64url } from '../encoding/base64url';
import {
  InvalidClaim,
  IssuerMismatch,
  MalformedJws,
  NotYetValid,
  TokenExpired,
  UnsupportedCriticalHeader,
} from '../errors/errors';
import { parseHeader } from '../jws/compact';
import { type VerifiedJws, verifyParsedJws } from '../jws/verify-jws';
import type { Signer } from '../keys/signing-key';
import type { VerificationKeys } from '../keys/verification-keys';

export const OB_IAT = 'http://openbanking.org.uk/iat';
export const OB_ISS = 'http://openbanking.org.uk/iss';
export const OB_TAN = 'http://openbanking.org.uk/tan';
const OB_CRIT = [OB_IAT, OB_ISS, OB_TAN];
const JSON_CONTENT_TYPES = new Set(['json', 'application/json']);

export interface SignDetachedOptions {
  /** OB `iss`: the signer's id as the trust anchor knows it. */
  readonly issuer: string;
  /** OB `tan`: the trust anchor's domain (default openbanking.org.uk). */
  readonly trustAnchor?: string;
  readonly clock: Clock;
}

export async function signDetachedJws(
  signer: Signer,
  body: Uint8Array | string,
  options: SignDetachedOptions,
): Promise<string> {
  const header = {
    alg: signer.alg,
    kid: signer.kid,
    typ: 'JOSE',
    cty: 'application/json',
    [OB_IAT]: epochSeconds(options.clock),
    [OB_ISS]: options.issuer,
    [OB_TAN]: options.trustAnchor ?? 'openbanking.org.uk',
    crit: OB_CRIT,
  };
  const encodedHeader = encodeBase64url(JSON.stringify(header));
  const signature = await signer.sign(Buffer.from(`${encodedHeader}.${encodeBase64url(body)}`, 'ascii'));
  return `${encodedHeader}..${encodeBase64url(signature)}`;
}

export interface VerifyDetachedOptions {
  readonly keys: VerificationKeys;
  /** OB requires PS256; callers pass their profile's list. */
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  /** Expected OB `iss` (e.g. the TPP's directory id), when known. */
  readonly issuer?: string;
  /** Accepted OB `tan` (default openbanking.org.uk). */
  readonly trustAnchor?: string;
  /** Oldest accepted OB `iat`, in seconds (default: no limit). */
  readonly maxAgeSeconds?: number;
  /** Leeway for an OB `iat` ahead of the clock (default 60 s). */
  readonly clockToleranceSeconds?: number;
}

/** Verifies an `x-jws-signature` against the HTTP body exactly as received. */
export async function verifyDetachedJws(
  signature: string,
  body: Uint8Array | string,
  options: VerifyDetachedOptions,
): Promise<VerifiedJws> {
  if (typeof signature !== 'string') throw new MalformedJws('x-jws-signature must be a string');
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[1] !== '')
    throw new MalformedJws('x-jws-signature must be "header..signature"');
  const [encodedHeader, , encodedSignature] = parts;
  const header = parseHeader(encodedHeader, OB_CRIT);
  if (!Array.isArray(header.crit) || OB_CRIT.some((name) => !header.crit?.includes(name))) {
    throw new UnsupportedCriticalHeader('"crit" must name the three OB header claims');
  }
  if (typeof header.kid !== 'string') throw new MalformedJws('x-jws-signature needs a "kid"');
  if (header.typ !== undefined && header.typ !== 'JOSE') throw new MalformedJws('"typ" must be "JOSE"');
  if (header.cty !== undefined && !JSON_CONTENT_TYPES.has(String(header.cty)))
    throw new MalformedJws('"cty" must be JSON');
  checkObClaims(header, options);

  const encodedBody = encodeBase64url(body);
  const decodedSignature = decodeBase64url(encodedSignature);
  if (decodedSignature === undefined) throw new MalformedJws('signature is not base64url');
  return verifyParsedJws(
    {
      header,
      payload: Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body),
      signature: decodedSignature,
      signingInput: Buffer.from(`${encodedHeader}.${encodedBody}`, 'ascii'),
    },
    options,
  );
}

function checkObClaims(header: Record<string, unknown>, options: VerifyDetachedOptions): void {
  const iat = header[OB_IAT];
  const iss = header[OB_ISS];
  const tan = header[OB_TAN];
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    throw new InvalidClaim(OB_IAT, 'OB "iat" must be a number');
  if (typeof iss !== 'string' || iss === '') throw new InvalidClaim(OB_ISS, 'OB "iss" must be a string');
  if (typeof tan !== 'string' || tan !== (options.trustAnchor ?? 'openbanking.org.uk')) {
    throw new InvalidClaim(OB_TAN, 'OB "tan" is not the accepted trust anchor');
  }
  if (options.issuer !== undefined && iss !== options.issuer)
    throw new IssuerMismatch('OB "iss" is not the expected signer');
  const now = epochSeconds(options.clock);
  if (iat > now + (options.clockToleranceSeconds ?? 60)) throw new NotYetValid('OB "iat" is in the future');
  if (options.maxAgeSeconds !== undefined && now - iat > options.maxAgeSeconds) {
    throw new TokenExpired('OB "iat" is too old');
  }
}

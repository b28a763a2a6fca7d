// Signature verification with the caller's algorithm allow-list and the key floors on every path
// (ALG-1, ALG-2). Every other verifier in this library (JWTs, DPoP, client assertions, request
// objects, x-jws-signature) funnels through verifyParsedJws.
import { CryptoError, InvalidSignature, NoMatchingKey } from '../errors/errors';
import { type JwsAlgorithm, assertAlgorithmAllowed } from '../keys/algorithms';
import { type PublicVerificationKey, assertKeyFitsAlgorithm, keyObjectOf } from '../keys/public-key';
import { LOCAL_KEYS, type VerificationKeys } from '../keys/verification-keys';
import { type ParsedJws, parseCompactJws } from './compact';
import { type JwsHeader, assertTokenType } from './header';
import { verifySignature } from './signature';

export interface VerifyJwsOptions {
  readonly keys: VerificationKeys;
  /** The algorithms this caller accepts; a subset of PS256, ES256, EdDSA. */
  readonly algorithms: readonly string[];
  /** Expected `typ` (compared case-insensitively, "application/" optional). */
  readonly typ?: string;
  /** Extension header parameters the caller processes and that may appear in `crit`. */
  readonly crit?: readonly string[];
}

export interface VerifiedJws {
  readonly header: JwsHeader & { readonly alg: JwsAlgorithm };
  readonly payload: Buffer;
  /** The key that verified the signature. */
  readonly key: PublicVerificationKey;
}

export async function verifyJws(token: string, options: VerifyJwsOptions): Promise<VerifiedJws> {
  return verifyParsedJws(parseCompactJws(token, options.crit), options);
}

/** Verification of an already-parsed JWS (detached payloads build their ParsedJws themselves). */
export async function verifyParsedJws(jws: ParsedJws, options: VerifyJwsOptions): Promise<VerifiedJws> {
  const alg = checkAlgorithmAndType(jws, options);
  const key = verifyWithCandidates(jws, alg, await candidatesFor(options.keys, jws.header));
  return { header: jws.header as VerifiedJws['header'], payload: jws.payload, key };
}

/**
 * The resolver's candidates. Key sets built here answer synchronously as well, which saves the
 * promise round trip on the hottest path; any other resolver is awaited.
 */
export function candidatesFor(
  keys: VerificationKeys,
  header: JwsHeader,
): readonly PublicVerificationKey[] | Promise<readonly PublicVerificationKey[]> {
  return keys[LOCAL_KEYS]?.(header) ?? keys.forHeader(header);
}

/** The header checks that come before any key is looked up. */
export function checkAlgorithmAndType(jws: ParsedJws, options: VerifyJwsOptions): JwsAlgorithm {
  const alg = assertAlgorithmAllowed(jws.header.alg, options.algorithms);
  if (options.typ !== undefined) assertTokenType(jws.header, options.typ);
  return alg;
}

/**
 * With a `kid` there is normally one candidate and its unfitness (weak, wrong curve) is the error.
 * Without one, unfit candidates are skipped; if none fits, the first reason is reported.
 */
export function verifyWithCandidates(
  jws: ParsedJws,
  alg: JwsAlgorithm,
  candidates: readonly PublicVerificationKey[],
): PublicVerificationKey {
  if (candidates.length === 0) {
    throw new NoMatchingKey(
      jws.header.kid === undefined ? 'no key fits the token' : 'no key with the token\'s "kid"',
    );
  }
  let unfit: CryptoError | undefined;
  let tried = 0;
  for (const key of candidates) {
    try {
      assertKeyFitsAlgorithm(key, alg);
    } catch (error) {
      if (!(error instanceof CryptoError)) throw error;
      unfit ??= error;
      continue;
    }
    tried++;
    if (verifySignature(alg, keyObjectOf(key), jws.signingInput, jws.signature)) return key;
  }
  if (tried === 0 && unfit) throw unfit;
  throw new InvalidSignature();
}

// DPoP proof verification, RFC 9449 §4.3, in the order the RFC lists the checks (DPOP-1), plus
// server nonces (DPOP-2). Every failure is a DpopProofInvalid with a `reason`, except a missing or
// stale nonce, which is DpopNonceRequired so the caller answers `use_dpop_nonce`.
import { type Clock, epochSeconds } from '../clock/clock';
import { CryptoError, DpopNonceRequired, DpopProofInvalid, type DpopFailure } from '../errors/errors';
import { assertAlgorithmAllowed, type JwsAlgorithm } from '../keys/algorithms';
import { type PublicVerificationKey, importPublicKey } from '../keys/public-key';
import { parseCompactJws, parseJsonObject } from '../jws/compact';
import { assertTokenType } from '../jws/header';
import { verifyWithCandidates } from '../jws/verify-jws';
import { constantTimeEqual } from '../random/random';
import type { JtiReplayStore } from '../replay/jti-replay-store';
import { accessTokenHash } from './access-token-hash';
import type { DpopNonceVerifier } from './dpop-nonces';
import { htuMatches } from './htu';

const MAX_JTI_LENGTH = 256;

export interface VerifyDpopProofOptions {
  /** The request's DPoP header value(s) as the HTTP layer gives them. */
  readonly headerValues: string | readonly string[] | undefined;
  readonly method: string;
  /** The full request URL as the client addressed it (public scheme, host and path). */
  readonly url: string;
  /** At resource servers: the presented access token; then `ath` is required and checked. */
  readonly accessToken?: string;
  readonly algorithms: readonly string[];
  readonly clock: Clock;
  readonly replay: JtiReplayStore;
  /** Accepted distance of `iat` from now, either way (default 60 s). */
  readonly iatWindowSeconds?: number;
  readonly nonce?: { readonly verifier: DpopNonceVerifier; readonly required: boolean };
}

export interface VerifiedDpopProof {
  /** RFC 7638 thumbprint of the proof key: compare with `cnf.jkt` / `dpop_jkt`. */
  readonly jkt: string;
  readonly jti: string;
  readonly iat: number;
  readonly htm: string;
  readonly htu: string;
  readonly alg: JwsAlgorithm;
  readonly nonce?: string;
  readonly key: PublicVerificationKey;
  readonly claims: Readonly<Record<string, unknown>>;
}

export async function verifyDpopProof(options: VerifyDpopProofOptions): Promise<VerifiedDpopProof> {
  const proof = singleProof(options.headerValues);
  const jws = step('malformed', () => parseCompactJws(proof));
  step('typ', () => assertTokenType(jws.header, 'dpop+jwt'));
  const alg = step('alg', () => assertAlgorithmAllowed(jws.header.alg, options.algorithms));
  const key = step('jwk', () => importPublicKey(jws.header.jwk));
  step(
    'signature',
    () => verifyWithCandidates(jws, alg, [key]),
    (error) => (error.code === 'invalid_signature' ? 'signature' : 'jwk'),
  );
  const claims = step('malformed', () => parseJsonObject(jws.payload, 'DPoP proof claims'));

  if (claims.htm !== options.method) fail('htm', '"htm" does not match the request method');
  if (typeof claims.htu !== 'string' || !htuMatches(claims.htu, options.url)) {
    fail('htu', '"htu" does not match the request URL');
  }
  const iat = checkIat(claims.iat, options);
  const jti = claims.jti;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > MAX_JTI_LENGTH)
    fail('jti', '"jti" missing or invalid');
  if (options.accessToken !== undefined) checkAth(claims.ath, options.accessToken);
  const nonce = checkNonce(claims.nonce, options.nonce);

  const windowSeconds = options.iatWindowSeconds ?? 60;
  const fresh = await options.replay.remember(
    `dpop:${key.thumbprint}:${jti}`,
    (iat + windowSeconds + 1) * 1000,
  );
  if (!fresh) fail('replay', 'DPoP proof "jti" was already used');

  return {
    jkt: key.thumbprint,
    jti,
    iat,
    htm: claims.htm as string,
    htu: claims.htu as string,
    alg,
    nonce,
    key,
    claims,
  };
}

/** Exactly one DPoP header. Node joins repeated headers with ", ", which no compact JWS contains. */
function singleProof(values: string | readonly string[] | undefined): string {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  if (list.length === 0 || list[0] === '') fail('missing', 'DPoP header missing');
  if (list.length > 1 || /[,\s]/.test(list[0])) fail('header_count', 'exactly one DPoP header is allowed');
  return list[0];
}

function checkIat(iat: unknown, options: VerifyDpopProofOptions): number {
  const windowSeconds = options.iatWindowSeconds ?? 60;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) fail('iat', '"iat" missing or not a number');
  if (Math.abs(epochSeconds(options.clock) - iat) > windowSeconds)
    fail('iat', '"iat" is outside the accepted window');
  return iat;
}

function checkAth(ath: unknown, accessToken: string): void {
  if (typeof ath !== 'string') fail('ath', '"ath" is required with an access token');
  if (!constantTimeEqual(ath, accessTokenHash(accessToken)))
    fail('ath', '"ath" does not match the access token');
}

function checkNonce(nonce: unknown, config: VerifyDpopProofOptions['nonce']): string | undefined {
  if (nonce !== undefined && typeof nonce !== 'string') fail('malformed', '"nonce" must be a string');
  if (!config) return nonce;
  if (nonce === undefined) {
    if (config.required) throw new DpopNonceRequired('DPoP proof must carry the server nonce');
    return undefined;
  }
  if (!config.verifier.verify(nonce)) throw new DpopNonceRequired('DPoP nonce is stale or unknown');
  return nonce;
}

/** Runs one check, turning library errors into DpopProofInvalid with the check's reason. */
function step<T>(reason: DpopFailure, check: () => T, reasonFor?: (error: CryptoError) => DpopFailure): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    throw new DpopProofInvalid(reasonFor?.(error) ?? reason, error.message, { cause: error });
  }
}

function fail(reason: DpopFailure, message: string): never {
  throw new DpopProofInvalid(reason, message);
}

// Every failure in libs/crypto is a CryptoError with a stable `code`: callers (libs/oauth) map codes
// to protocol errors and tests assert them, so a code never changes once published.

export abstract class CryptoError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The token's `alg` is not in the caller's allow-list, or not one we ever accept (ALG-1). */
export class AlgorithmNotAllowed extends CryptoError {
  readonly code = 'alg_not_allowed';
  constructor(readonly alg: unknown) {
    super(`algorithm ${JSON.stringify(alg)} is not allowed`);
  }
}

/** An RSA key below 2048 bits, or an EC key below P-256 (ALG-2). */
export class KeyTooWeak extends CryptoError {
  readonly code = 'key_too_weak';
}

/** The key cannot be used with the algorithm: wrong type, curve, `alg`, `use` or `key_ops` (ALG-1, ALG-2). */
export class KeyAlgorithmMismatch extends CryptoError {
  readonly code = 'key_alg_mismatch';
}

/** A JWK that is malformed, unsupported, or private where a public key is expected. */
export class InvalidKey extends CryptoError {
  readonly code = 'invalid_key';
}

/** Key configuration (files, env, secrets) that cannot be used; services refuse to start on it. */
export class InvalidKeyConfiguration extends CryptoError {
  readonly code = 'invalid_key_configuration';
}

/** No key of the resolver fits the token's header (unknown `kid`): a JWKS refresh may help. */
export class NoMatchingKey extends CryptoError {
  readonly code = 'no_matching_key';
}

/** A key ring with nothing able to sign at the given time. */
export class NoSigningKey extends CryptoError {
  readonly code = 'no_signing_key';
}

/** Not a compact JWS, or a header that is not a JSON object / breaks JWS header rules. */
export class MalformedJws extends CryptoError {
  readonly code = 'malformed_jws';
}

/** A `crit` header parameter we do not understand, or one the profile requires but is missing. */
export class UnsupportedCriticalHeader extends CryptoError {
  readonly code = 'unsupported_crit';
}

export class InvalidSignature extends CryptoError {
  readonly code = 'invalid_signature';
  constructor(message = 'signature verification failed') {
    super(message);
  }
}

/** `typ` header differs from what the caller expects (e.g. `at+jwt`, `dpop+jwt`). */
export class UnexpectedTokenType extends CryptoError {
  readonly code = 'invalid_typ';
}

export class TokenExpired extends CryptoError {
  readonly code = 'token_expired';
}

/** `nbf` or `iat` lies further in the future than the tolerance allows. */
export class NotYetValid extends CryptoError {
  readonly code = 'not_yet_valid';
}

export class AudienceMismatch extends CryptoError {
  readonly code = 'audience_mismatch';
}

export class IssuerMismatch extends CryptoError {
  readonly code = 'issuer_mismatch';
}

/** A required claim is absent. */
export class MissingClaim extends CryptoError {
  readonly code = 'missing_claim';
  constructor(readonly claim: string) {
    super(`claim "${claim}" is required`);
  }
}

/** A claim is present but has the wrong type or a value the profile forbids. */
export class InvalidClaim extends CryptoError {
  readonly code = 'invalid_claim';
  constructor(
    readonly claim: string,
    message: string,
  ) {
    super(message);
  }
}

/** A single-use identifier (`jti`) seen before within its lifetime. */
export class ReplayDetected extends CryptoError {
  readonly code = 'replay_detected';
}

export type DpopFailure =
  | 'missing'
  | 'header_count'
  | 'malformed'
  | 'typ'
  | 'alg'
  | 'jwk'
  | 'signature'
  | 'htm'
  | 'htu'
  | 'iat'
  | 'jti'
  | 'replay'
  | 'ath';

/** A DPoP proof that fails DPOP-1; `reason` says which check, `cause` carries the inner error. */
export class DpopProofInvalid extends CryptoError {
  readonly code = 'invalid_dpop_proof';
  constructor(
    readonly reason: DpopFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The proof lacks the server nonce, or carries a stale one: answer `use_dpop_nonce` with a fresh one (DPOP-2). */
export class DpopNonceRequired extends CryptoError {
  readonly code = 'use_dpop_nonce';
}

/** A sealed value that was altered, truncated, or sealed with another key. */
export class SealBroken extends CryptoError {
  readonly code = 'seal_broken';
}

export class SealExpired extends CryptoError {
  readonly code = 'seal_expired';
}

/** A sealed value naming a `kid` the ring does not hold (retired, or from another deployment). */
export class UnknownSealingKey extends CryptoError {
  readonly code = 'unknown_sealing_key';
}

export class InvalidCertificate extends CryptoError {
  readonly code = 'invalid_certificate';
}

/** A caller passed options this library refuses (e.g. an algorithm outside ALG-1 in an allow-list). */
export class InvalidCryptoOptions extends CryptoError {
  readonly code = 'invalid_options';
}

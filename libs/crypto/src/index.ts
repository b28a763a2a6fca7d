// libs/crypto: the only place that touches node:crypto (jose is its test oracle and bench peer).
// Keys, JWKS, JWS with algorithm allow-lists, DPoP, client assertions, request objects, PKCE,
// thumbprints, sealing, random ids. Named exports only; every error is a CryptoError with a `code`.

// Time and errors
export { type Clock, epochSeconds, systemClock } from './clock/clock';
export * from './errors/errors';

// Algorithms and keys (ALG-1, ALG-2, ALG-5)
export { JWS_ALGORITHMS, type JwsAlgorithm, isJwsAlgorithm } from './keys/algorithms';
export { type JwkSet, type PrivateJwk, type PublicJwk, PRIVATE_JWK_MEMBERS } from './keys/jwk';
export { PublicVerificationKey, importPublicKey } from './keys/public-key';
export {
  type VerificationKeys,
  importJwks,
  keySetFromJwks,
  keySetOf,
  selectKeys,
} from './keys/verification-keys';
export { type Signer, type SigningKey, generateSigningKey, signingKeyFromJwk } from './keys/signing-key';
export { webCryptoSigningKey } from './keys/web-crypto-key';
export { type KeyRingEntry, SigningKeyRing } from './keys/signing-key-ring';
export {
  loadSigningKeyRingFile,
  signingKeyRingFromEnv,
  signingKeyRingFromJson,
} from './keys/load-signing-keys';

// JWS and JWT
export { type JwsHeader } from './jws/header';
export { type VerifiedJws, type VerifyJwsOptions, verifyJws } from './jws/verify-jws';
export { type JwtClaims, type VerifiedJwt, type VerifyJwtOptions, verifyJwt } from './jws/verify-jwt';
export { type UnverifiedJwt, readUnverifiedJwt } from './jws/unverified';
export { type HeaderParameters, signJws, signJwt } from './jws/sign-jws';

// Tokens Grantline issues (TOK-1, TOK-4, RESP-1) and OB message signing (CON-5)
export {
  ID_TOKEN_ALGORITHMS,
  ACCESS_TOKEN_TYPE,
  type AccessTokenClaims,
  type IdTokenClaims,
  type JarmResponseClaims,
  issueAccessToken,
  issueIdToken,
  issueJarmResponse,
} from './tokens/issue-tokens';
export {
  OB_IAT,
  OB_ISS,
  OB_TAN,
  type SignDetachedOptions,
  type VerifyDetachedOptions,
  signDetachedJws,
  verifyDetachedJws,
} from './detached-jws/x-jws-signature';

// Thumbprints, randomness, comparisons (ALG-3, ALG-4, MTLS-1)
export { certificateThumbprint } from './thumbprint/certificate-thumbprint';
export {
  canonicalIp,
  isIssuedByTrustedCa,
  readCertificate,
  readCertificateBundle,
  splitUnescaped,
  unescapeDnValue,
  type CertificateFacts,
  type CertificateSubjectAlternativeNames,
  type NameAttribute,
} from './certificate/read-certificate';
export { jwkThumbprint, jwkThumbprintUri } from './thumbprint/jwk-thumbprint';
export { constantTimeEqual, randomId } from './random/random';
export { MacKey, sha256 } from './digest/digest';
export { fingerprint, pseudonym } from './fingerprint/fingerprint';

// PSU passwords at rest
export { type PasswordHashOptions, hashPassword, verifyPassword } from './password/password-hash';

// DPoP (DPOP-1, DPOP-2)
export { InMemoryJtiReplayStore, type JtiReplayStore } from './replay/jti-replay-store';
export { accessTokenHash } from './dpop/access-token-hash';
export { type DpopProofRequest, createDpopProof } from './dpop/create-dpop-proof';
export { type DpopNonceOptions, type DpopNonceVerifier, DpopNonces } from './dpop/dpop-nonces';
export { htuMatches } from './dpop/htu';
export {
  type VerifiedDpopProof,
  type VerifyDpopProofOptions,
  verifyDpopProof,
} from './dpop/verify-dpop-proof';

// Client authentication and request objects (CLI-2, JAR-1)
export {
  type ClientAssertionRequest,
  createClientAssertion,
} from './client-assertion/create-client-assertion';
export {
  type SpentClientAssertion,
  type VerifiedClientAssertion,
  type VerifyClientAssertionOptions,
  clientAssertionReplayKey,
  verifyClientAssertion,
} from './client-assertion/verify-client-assertion';
export { type VerifyRequestObjectOptions, verifyRequestObject } from './request-object/verify-request-object';

// PKCE (PKCE-1, PKCE-2) and sealed authorization codes (CODE-1, CODE-3)
export { isValidCodeVerifier, isValidS256Challenge, s256CodeChallenge, verifyPkceS256 } from './pkce/pkce';
export {
  MAX_SEAL_TTL_SECONDS,
  type OpenOptions,
  type Opened,
  type SealOptions,
  open,
  seal,
} from './seal/seal';
export { type SealingKey, SealingKeyRing, sealingKeyRingFromConfig } from './seal/sealing-keys';

// The only place that touches node:crypto (and jose, which serves as the test oracle): keys, JWKS,
// JWS with algorithm allow-lists, DPoP, client assertions, request objects, PKCE, thumbprints,
// sealing, random ids. Named exports only; every error is a CryptoError with a stable `code`.

export { type Clock, epochSeconds, systemClock } from './clock/clock';
export * from './errors/errors';

export { JWS_ALGORITHMS, type JwsAlgorithm, isJwsAlgorithm } from './keys/algorithms';
export { type JwkSet, type PrivateJwk, type PublicJwk, PRIVATE_JWK_MEMBERS } from './keys/jwk';
export { PublicVerificationKey, importPublicKey } from './keys/public-key';
export { type VerificationKeys, importJwks, keySetFromJwks, keySetOf } from './keys/verification-keys';
export { type Signer, type SigningKey, generateSigningKey, signingKeyFromJwk } from './keys/signing-key';

export { type JwsHeader } from './jws/header';
export { type VerifiedJws, type VerifyJwsOptions, verifyJws } from './jws/verify-jws';
export { type JwtClaims, type VerifiedJwt, type VerifyJwtOptions, verifyJwt } from './jws/verify-jwt';
export { type HeaderParameters, signJws, signJwt } from './jws/sign-jws';

export { certificateThumbprint } from './thumbprint/certificate-thumbprint';
export { jwkThumbprint, jwkThumbprintUri } from './thumbprint/jwk-thumbprint';
export { constantTimeEqual, randomId } from './random/random';

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

export {
  type ClientAssertionRequest,
  createClientAssertion,
} from './client-assertion/create-client-assertion';
export {
  type VerifyClientAssertionOptions,
  verifyClientAssertion,
} from './client-assertion/verify-client-assertion';
export { type VerifyRequestObjectOptions, verifyRequestObject } from './request-object/verify-request-object';
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
export { type KeyRingEntry, SigningKeyRing } from './keys/signing-key-ring';
export {
  loadSigningKeyRingFile,
  signingKeyRingFromEnv,
  signingKeyRingFromJson,
} from './keys/load-signing-keys';
export {
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

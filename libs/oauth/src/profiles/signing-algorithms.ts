// ALG-1: the JWS algorithms Grantline accepts anywhere. `none`, HS* and RS256 are never in it.
export const SIGNING_ALGORITHMS = ['PS256', 'ES256', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return typeof value === 'string' && (SIGNING_ALGORITHMS as readonly string[]).includes(value);
}

// JSON Web Keys as Grantline meets them: public RSA, EC and OKP keys (RFC 7517/7518/8037).

/** A public JWK. Extra members (x5c, x5t#S256, …) pass through untouched. */
export interface PublicJwk {
  readonly kty: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
  readonly key_ops?: readonly string[];
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
  readonly n?: string;
  readonly e?: string;
  readonly [member: string]: unknown;
}

/** A private JWK: a public one plus its private members. */
export interface PrivateJwk extends PublicJwk {
  readonly d: string;
}

export interface JwkSet {
  readonly keys: readonly PublicJwk[];
}

/** Members that only private or symmetric keys carry (RFC 7518 §6, RFC 8037 §2). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'r', 't', 'k', 'priv'] as const;

/** The members RFC 7638 hashes, per key type; they also identify a key for caching. */
export const REQUIRED_JWK_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
};

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasPrivateMembers(jwk: Record<string, unknown>): boolean {
  return PRIVATE_JWK_MEMBERS.some((member) => Object.hasOwn(jwk, member));
}

/** Drops every private member, whatever the key type (META-2: JWKS publish public keys only). */
export function publicPart<T extends PublicJwk>(jwk: T): PublicJwk {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete copy[member];
  return copy as PublicJwk;
}

// ALG-1: the only JWS algorithms Grantline ever accepts. Callers narrow this further (BR: PS256 only).
import { AlgorithmNotAllowed, InvalidCryptoOptions } from '../errors/errors';

export const JWS_ALGORITHMS = ['PS256', 'ES256', 'EdDSA'] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

export function isJwsAlgorithm(alg: unknown): alg is JwsAlgorithm {
  return typeof alg === 'string' && (JWS_ALGORITHMS as readonly string[]).includes(alg);
}

/** Validates a caller's allow-list: non-empty and within ALG-1. */
export function allowList(algorithms: readonly string[]): readonly JwsAlgorithm[] {
  if (algorithms.length === 0) throw new InvalidCryptoOptions('an algorithm allow-list must not be empty');
  for (const alg of algorithms) {
    if (!isJwsAlgorithm(alg)) throw new InvalidCryptoOptions(`algorithm ${alg} is outside ALG-1`);
  }
  return algorithms as readonly JwsAlgorithm[];
}

/** Throws AlgorithmNotAllowed unless `alg` is in the caller's allow-list (which is within ALG-1). */
export function assertAlgorithmAllowed(alg: unknown, algorithms: readonly string[]): JwsAlgorithm {
  const allowed = allowList(algorithms);
  if (!isJwsAlgorithm(alg) || !allowed.includes(alg)) throw new AlgorithmNotAllowed(alg);
  return alg;
}

// Fuzzing the public endpoints with fast-check (G10): the targets, the runner, and the runtime they
// run against. `npm run fuzz` (fuzz-main.ts) runs them at length; apps/grantline/test/fuzz.e2e-spec.ts
// runs a sample in CI.
import {
  accountAccessConsentTarget,
  paymentConsentTarget,
  paymentTarget,
  resourceReadTarget,
} from './ob-targets';
import { parTarget, tokenTarget } from './as-targets';
import type { FuzzTarget } from './target';

export { FuzzClient, violation, type FuzzAnswer, type FuzzRequest } from './exchange';
export { FuzzWorld } from './fuzz-world';
export { runTarget, formatReport, type FuzzFailure, type TargetReport } from './fuzz-runner';
export { startRuntimeUnderFuzz, type RuntimeUnderFuzz } from './runtime-under-fuzz';
export type { FuzzTarget } from './target';

/** Every target, with its share of a long run's requests. */
export const FUZZ_TARGETS: ReadonlyArray<{ target: FuzzTarget<never>; share: number }> = [
  { target: parTarget as FuzzTarget<never>, share: 0.2 },
  { target: tokenTarget as FuzzTarget<never>, share: 0.25 },
  { target: accountAccessConsentTarget as FuzzTarget<never>, share: 0.15 },
  { target: paymentConsentTarget as FuzzTarget<never>, share: 0.15 },
  { target: paymentTarget as FuzzTarget<never>, share: 0.1 },
  { target: resourceReadTarget as FuzzTarget<never>, share: 0.15 },
];

/** Runtime settings for fuzzing: payment POSTs must be signed (so x-jws-signature is checked), and
 * the per-client rate limit is lifted, or after 600 requests a minute every answer would be 429
 * and the fuzzer would only be testing the rate limiter. */
export const FUZZ_RUNTIME_ENV = {
  RATE_LIMIT_PER_MINUTE: '100000000',
  REQUIRE_PAYMENT_JWS_SIGNATURE: 'true',
};

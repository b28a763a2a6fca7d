// Time is injected everywhere so tests freeze it: a Clock returns epoch milliseconds.
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/** Whole seconds since the epoch, as JWT NumericDate claims use. */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock() / 1000);
}

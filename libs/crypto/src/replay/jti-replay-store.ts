// Single-use identifiers (DPoP `jti`, client assertion `jti`) go through this port. Production wants
// a store shared by every instance (Postgres unique insert, Redis SET NX PX); the in-memory one is
// for tests and the embedded dev runtime.
import { type Clock, systemClock } from '../clock/clock';

export interface JtiReplayStore {
  /**
   * Records `jti` until `expiresAt` (epoch ms). Resolves false if it was already recorded and has
   * not expired: the caller must reject the token as a replay.
   */
  remember(jti: string, expiresAt: number): Promise<boolean>;
}

export class InMemoryJtiReplayStore implements JtiReplayStore {
  private readonly seen = new Map<string, number>();
  private sweepAt = 1024;

  constructor(private readonly clock: Clock = systemClock) {}

  async remember(jti: string, expiresAt: number): Promise<boolean> {
    const now = this.clock();
    if (this.seen.size >= this.sweepAt) this.evictExpired(now);
    const known = this.seen.get(jti);
    if (known !== undefined && known > now) return false;
    this.seen.set(jti, expiresAt);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Drops expired entries; the next sweep waits until the map has doubled again. */
  evictExpired(now = this.clock()): void {
    for (const [jti, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(jti);
    this.sweepAt = Math.max(1024, this.seen.size * 2);
  }
}

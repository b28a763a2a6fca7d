// Single-use jti (CLI-2 client assertions, DPoP proofs) across every replica: a unique insert in
// Postgres. An expired entry may be taken over, and a timer deletes expired entries, so the table
// only holds what is still live (every PAR adds at least one jti).
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JtiReplayStore } from '@grantline/crypto';
import { DataSource } from 'typeorm';

export const JTI_REPLAY_STORE = Symbol('JtiReplayStore');

/** Assertions and proofs live a minute or so; evicting as often keeps the table that small. */
const EVICT_EVERY_MS = 60_000;

@Injectable()
export class PostgresJtiReplayStore implements JtiReplayStore, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('PostgresJtiReplayStore');
  private timer: NodeJS.Timeout | undefined;
  private evicting: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async remember(jti: string, expiresAt: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO used_jtis (jti, expires_at) VALUES ($1, $2)
       ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_jtis.expires_at <= now()
       RETURNING 1`,
      [jti, new Date(expiresAt)],
    );
    return rows.length > 0;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.evicting ??= this.evictExpired()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'jti eviction failed; retrying later'))
        .finally(() => (this.evicting = undefined));
    }, EVICT_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.evicting;
  }

  async evictExpired(): Promise<void> {
    await this.dataSource.query('DELETE FROM used_jtis WHERE expires_at <= now()');
  }
}

// Single-use jti (CLI-2 client assertions, DPOP-1 proofs) across every replica of a service: a
// unique insert into its schema's used_jtis. An expired entry may be taken over, and a periodic task
// deletes expired entries, so the table only holds what is still live. It is the Postgres adapter of
// @grantline/crypto's JtiReplayStore (matched by shape: the platform does not depend on crypto).
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '../scheduling/periodic-task';

export const JTI_REPLAY_STORE = Symbol('JtiReplayStore');

/** Assertions and proofs live a minute or so; evicting as often keeps the table that small. */
const EVICT_EVERY_MS = 60_000;

/**
 * The jti as PostgreSQL text can hold it: a client's jti may contain NUL, which text refuses. The
 * escaping is one-to-one (backslash escaped too), so distinct jtis stay distinct.
 */
export function storableJti(jti: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is exactly what this escapes
  return jti.replace(/[\\\u0000]/g, (c) => (c === '\\' ? '\\\\' : '\\0'));
}

@Injectable()
export class PostgresJtiReplayStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly eviction = new PeriodicTask('jti eviction', EVICT_EVERY_MS, () => this.evictExpired());

  constructor(private readonly dataSource: DataSource) {}

  /** True the first time a jti is seen (or after its earlier use expired), false on a replay. */
  async remember(jti: string, expiresAt: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO used_jtis (jti, expires_at) VALUES ($1, $2)
       ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_jtis.expires_at <= now()
       RETURNING 1`,
      [storableJti(jti), new Date(expiresAt)],
    );
    return rows.length > 0;
  }

  onApplicationBootstrap(): void {
    this.eviction.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eviction.stop();
  }

  async evictExpired(): Promise<void> {
    await this.dataSource.query('DELETE FROM used_jtis WHERE expires_at <= now()');
  }
}

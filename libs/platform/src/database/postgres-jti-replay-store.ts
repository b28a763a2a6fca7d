// Single-use jti (CLI-2 client assertions, DPOP-1 proofs) across every replica of a service: a
// unique insert into its schema's used_jtis. An expired entry may be taken over, and a periodic task
// deletes expired entries, so the table only holds what is still live. It is the Postgres adapter of
// @grantline/crypto's JtiReplayStore (matched by shape: the platform does not depend on crypto).
// Resource servers ask it on every request, so the jtis of a burst go in one insert (BurstBatcher):
// one statement and round trip for a whole burst, none added when quiet.
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BurstBatcher, PreparedStatement } from '@grantline/event-store';
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

const REMEMBER = new PreparedStatement<{ jti: string }>(
  'jti_remember',
  `INSERT INTO used_jtis (jti, expires_at)
   SELECT * FROM unnest($1::text[], $2::timestamptz[])
   ON CONFLICT (jti) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE used_jtis.expires_at <= now()
   RETURNING jti`,
);

@Injectable()
export class PostgresJtiReplayStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly eviction = new PeriodicTask('jti eviction', EVICT_EVERY_MS, () => this.evictExpired());
  /** By storable jti: true for the jtis the insert took (first seen, or taken over after expiry). */
  private readonly inserts = new BurstBatcher<string, Date, true>(async (batch) => {
    const rows = await REMEMBER.rows(this.dataSource, [batch.map(([jti]) => jti), batch.map(([, at]) => at)]);
    return new Map(rows.map((row) => [row.jti, true as const]));
  });

  constructor(private readonly dataSource: DataSource) {}

  /** True the first time a jti is seen (or after its earlier use expired), false on a replay. */
  async remember(jti: string, expiresAt: number): Promise<boolean> {
    // Refused alone, before it could fail the insert of everyone else's jtis in its batch.
    const expiry = new Date(expiresAt);
    if (Number.isNaN(expiry.getTime())) throw new RangeError('a jti needs a valid expiry time');
    // The same jti twice in one burst: whatever the insert says of the first, the second is a replay.
    const { answer, first } = await this.inserts.submit(storableJti(jti), expiry);
    return first && answer === true;
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

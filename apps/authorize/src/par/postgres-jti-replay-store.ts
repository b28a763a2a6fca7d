// Single-use jti (CLI-2 client assertions, DPoP proofs) across every replica: a unique insert in
// Postgres. An expired entry may be taken over, so the table only holds what is still live.
import { Injectable } from '@nestjs/common';
import type { JtiReplayStore } from '@grantline/crypto';
import { DataSource } from 'typeorm';

export const JTI_REPLAY_STORE = Symbol('JtiReplayStore');

@Injectable()
export class PostgresJtiReplayStore implements JtiReplayStore {
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

  /** Housekeeping; called on a timer by the module. */
  async evictExpired(): Promise<void> {
    await this.dataSource.query('DELETE FROM used_jtis WHERE expires_at <= now()');
  }
}

// The resource guard's denylist (DESIGN.md "Resource servers validate locally"), kept in this
// service's schema from TokenRevoked / GrantRevoked / ConsentRevoked events, so every replica
// sees a revocation as soon as one of them consumed the event.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RevocationDenylist, RevocationQuery } from '@grantline/oauth';

export type RevokedKind = 'token' | 'grant' | 'consent';

@Injectable()
export class PostgresDenylist implements RevocationDenylist {
  constructor(private readonly dataSource: DataSource) {}

  async isRevoked(token: RevocationQuery): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM revoked_credentials
        WHERE (kind = 'token' AND id = $1) OR (kind = 'grant' AND id = $2) OR (kind = 'consent' AND id = ANY($3))
        LIMIT 1`,
      [token.jti, token.grantId ?? null, token.consentIds],
    );
    return rows.length > 0;
  }

  static async add(transaction: EntityManager, kind: RevokedKind, id: string): Promise<void> {
    await transaction.query(
      'INSERT INTO revoked_credentials (kind, id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [kind, id],
    );
  }
}

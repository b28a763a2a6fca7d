// The resource guard's denylist (DESIGN.md "Resource servers validate locally"), kept in the
// service's own schema from TokenRevoked / GrantRevoked / ConsentRevoked events, so every replica
// sees a revocation as soon as one of them consumed the event. Every resource server (consent,
// grants) uses this one adapter. It matches @grantline/oauth's RevocationDenylist by shape: the
// platform does not depend on oauth.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type RevokedKind = 'token' | 'grant' | 'consent';

/** What the guard asks about a verified token (oauth's RevocationQuery, by shape). */
export interface RevokedCredentialQuery {
  readonly jti: string;
  readonly grantId: string | undefined;
  readonly consentIds: readonly string[];
}

@Injectable()
export class PostgresDenylist {
  constructor(private readonly dataSource: DataSource) {}

  async isRevoked(token: RevokedCredentialQuery): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM revoked_credentials
        WHERE (kind = 'token' AND id = $1) OR (kind = 'grant' AND id = $2) OR (kind = 'consent' AND id = ANY($3))
        LIMIT 1`,
      [token.jti, token.grantId ?? null, [...token.consentIds]],
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

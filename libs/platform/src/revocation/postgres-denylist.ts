// The resource guard's denylist (DESIGN.md "Resource servers validate locally"), kept in the
// service's own schema from TokenRevoked / GrantRevoked / ConsentRevoked events, so every replica
// sees a revocation as soon as one of them consumed the event. Each replica answers from its
// RevocationMirror of the table while that is current, and asks the table otherwise. Every
// resource server (consent, grants) uses this one adapter. It matches @grantline/oauth's
// RevocationDenylist by shape: the platform does not depend on oauth.
import { Injectable, Optional } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { RevocationMirror, type RevokedCredentialQuery } from './revocation-mirror';

export type { RevokedCredentialQuery } from './revocation-mirror';
export type RevokedKind = 'token' | 'grant' | 'consent';

@Injectable()
export class PostgresDenylist {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly mirror?: RevocationMirror,
  ) {}

  async isRevoked(token: RevokedCredentialQuery): Promise<boolean> {
    const mirrored = this.mirror?.answer(token);
    if (mirrored !== undefined) return mirrored;
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM revoked_credentials
        WHERE (kind = 'token' AND id = $1) OR (kind = 'grant' AND id = $2) OR (kind = 'consent' AND id = ANY($3))
        LIMIT 1`,
      [token.jti, token.grantId ?? null, [...token.consentIds]],
    );
    return rows.length > 0;
  }

  /** `expiresAt`: when the credential stops being valid anyway (an access token's `exp`). */
  static async add(
    transaction: EntityManager,
    kind: RevokedKind,
    id: string,
    expiresAt?: string,
  ): Promise<void> {
    await transaction.query(
      'INSERT INTO revoked_credentials (kind, id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [kind, id, expiresAt ?? null],
    );
  }

  /** Deletes the rows of tokens that expired before `before`; returns how many went. */
  async pruneExpiredTokens(before: Date): Promise<number> {
    const [, deleted]: [unknown, number] = await this.dataSource.query(
      "DELETE FROM revoked_credentials WHERE kind = 'token' AND expires_at < $1",
      [before],
    );
    this.mirror?.forgetTokensExpiredBefore(before);
    return deleted;
  }
}

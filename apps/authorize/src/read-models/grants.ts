// The grants of this bank's PSUs: which a TPP may update or replace (GM-1), and what the PSU
// self-service page lists (UX-1). Written inline when this service approves an authorization, so
// the page is right at once, then kept current from the grants service's events, each of which
// carries the grant's whole content after the change (revocation above all).
import { Injectable } from '@nestjs/common';
import { type MacKey, pseudonym } from '@grantline/crypto';
import { DataSource, type EntityManager } from 'typeorm';

export interface GrantRecord {
  grantId: string;
  clientId: string;
  subject: string;
  status: 'active' | 'revoked';
  scopes: string[];
  authorizationDetails: Array<Record<string, unknown>>;
  consentIds: string[];
  accountIds: string[];
  grantedAt: Date;
  updatedAt: Date;
  /** When the PSU asked on the self-service page; the grant stays active until GrantRevoked. */
  revocationRequestedAt?: Date;
  revokedAt?: Date;
  /** Links the grant to the PSU across clients (the subject differs per client); see psuLinkOf. */
  psuLink?: string;
}

/** What the grants service's content events carry. */
export interface GrantContentChange {
  grantId: string;
  clientId: string;
  subject: string;
  scopes: string[];
  authorizationDetails: object[];
  consentIds: string[];
}

/** What an approval grants, with the PSU it belongs to. */
export interface ApprovedGrant extends GrantContentChange {
  action: 'create' | 'update' | 'replace';
  psuLink: string;
  accountIds: string[];
  at: Date;
}

/** A keyed link from the PSU id, in its own context so it equals no per-client subject. */
export const psuLinkOf = (key: MacKey, psuId: string): string => pseudonym(key, 'psu-self-service', psuId);

interface GrantRow {
  grant_id: string;
  client_id: string;
  subject: string;
  status: GrantRecord['status'];
  scopes: string[];
  authorization_details: Array<Record<string, unknown>>;
  consent_ids: string[];
  account_ids: string[];
  granted_at: Date;
  updated_at: Date;
  revocation_requested_at: Date | null;
  revoked_at: Date | null;
  psu_link: string | null;
}

const toRecord = (row: GrantRow): GrantRecord => ({
  grantId: row.grant_id,
  clientId: row.client_id,
  subject: row.subject,
  status: row.status,
  scopes: row.scopes,
  authorizationDetails: row.authorization_details,
  consentIds: row.consent_ids,
  accountIds: row.account_ids,
  grantedAt: row.granted_at,
  updatedAt: row.updated_at,
  revocationRequestedAt: row.revocation_requested_at ?? undefined,
  revokedAt: row.revoked_at ?? undefined,
  psuLink: row.psu_link ?? undefined,
});

const union = <T>(...lists: T[][]): T[] => [...new Set(lists.flat())];

@Injectable()
export class GrantsReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async find(grantId: string, transaction?: EntityManager): Promise<GrantRecord | undefined> {
    const rows: GrantRow[] = await (transaction ?? this.dataSource).query(
      'SELECT * FROM grants WHERE grant_id = $1',
      [grantId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  /** The PSU's grants with every TPP, newest first. */
  async ofPsu(psuLink: string): Promise<GrantRecord[]> {
    const rows: GrantRow[] = await this.dataSource.query(
      'SELECT * FROM grants WHERE psu_link = $1 ORDER BY granted_at DESC, grant_id',
      [psuLink],
    );
    return rows.map(toRecord);
  }

  /** The approval's effect, as the grants service will compute it (create, merge or replace). */
  async approved(transaction: EntityManager, grant: ApprovedGrant): Promise<void> {
    const rows: GrantRow[] = await transaction.query('SELECT * FROM grants WHERE grant_id = $1 FOR UPDATE', [
      grant.grantId,
    ]);
    const before = rows[0] && toRecord(rows[0]);
    const merge = grant.action === 'update' && before;
    await transaction.query(
      `INSERT INTO grants (grant_id, client_id, subject, status, psu_link, scopes, authorization_details,
                           consent_ids, account_ids, granted_at, updated_at)
       VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (grant_id) DO UPDATE SET psu_link = $4, scopes = $5, authorization_details = $6,
         consent_ids = $7, account_ids = $8, updated_at = $9`,
      [
        grant.grantId,
        grant.clientId,
        grant.subject,
        grant.psuLink,
        JSON.stringify(merge ? union(before.scopes, grant.scopes) : grant.scopes),
        JSON.stringify(
          merge
            ? [...before.authorizationDetails, ...grant.authorizationDetails]
            : grant.authorizationDetails,
        ),
        JSON.stringify(merge ? union(before.consentIds, grant.consentIds) : grant.consentIds),
        JSON.stringify(merge ? union(before.accountIds, grant.accountIds) : grant.accountIds),
        grant.at,
      ],
    );
  }

  /**
   * GrantCreated / GrantUpdated / GrantReplaced: the grant's whole content after the change. The
   * PSU link and accounts are this service's own knowledge and stay as the approval wrote them.
   */
  async contentChanged(
    transaction: EntityManager,
    change: GrantContentChange,
    at: Date,
    kind: 'created' | 'changed' = 'changed',
  ): Promise<void> {
    await transaction.query(
      `INSERT INTO grants (grant_id, client_id, subject, status, scopes, authorization_details, consent_ids,
                           granted_at, updated_at)
       VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $7)
       ON CONFLICT (grant_id) DO UPDATE SET scopes = $4, authorization_details = $5, consent_ids = $6,
         updated_at = CASE WHEN $8 THEN GREATEST(grants.updated_at, $7) ELSE grants.updated_at END`,
      [
        change.grantId,
        change.clientId,
        change.subject,
        JSON.stringify(change.scopes),
        JSON.stringify(change.authorizationDetails),
        JSON.stringify(change.consentIds),
        at,
        // GrantCreated follows the approval that already set the times: it is not a change.
        kind === 'changed',
      ],
    );
  }

  /** Records the PSU's request once; false when it was already asked for or the grant is closed. */
  async revocationRequested(transaction: EntityManager, grantId: string, at: Date): Promise<boolean> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
    const rows: unknown[] = await transaction.query(
      `WITH requested AS (
         UPDATE grants SET revocation_requested_at = $2
         WHERE grant_id = $1 AND status = 'active' AND revocation_requested_at IS NULL RETURNING grant_id)
       SELECT grant_id FROM requested`,
      [grantId, at],
    );
    return rows.length === 1;
  }

  async revoked(transaction: EntityManager, grantId: string, at: Date): Promise<void> {
    await transaction.query(
      `UPDATE grants SET status = 'revoked', revoked_at = COALESCE(revoked_at, $2) WHERE grant_id = $1`,
      [grantId, at],
    );
  }
}

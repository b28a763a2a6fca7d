// The grants read model: the latest content and status of each grant, kept by GrantStore in the
// transaction that appends the grant's events, so the API never shows a change that was not stored.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { GrantContent } from '@grantline/contracts';
import type { Grant } from './domain/grant.decider';

export interface GrantView {
  content: GrantContent;
  status: Grant['status'];
  createdAt: Date;
  updatedAt: Date;
}

interface GrantViewRow {
  grant_id: string;
  client_id: string;
  subject: string;
  status: Grant['status'];
  scopes: string[];
  claims: string[];
  authorization_details: object[];
  consent_ids: string[];
  created_at: Date;
  updated_at: Date;
}

@Injectable()
export class GrantViews {
  constructor(private readonly dataSource: DataSource) {}

  async find(grantId: string): Promise<GrantView | undefined> {
    const [row]: GrantViewRow[] = await this.dataSource.query(
      'SELECT * FROM grant_views WHERE grant_id = $1',
      [grantId],
    );
    return row && viewOf(row);
  }

  /** The active grants holding a consent, in the caller's transaction. */
  async holdingConsent(transaction: EntityManager, consentId: string): Promise<string[]> {
    const rows: Array<{ grant_id: string }> = await transaction.query(
      `SELECT grant_id FROM grant_views WHERE consent_ids @> ARRAY[$1]::text[] AND status = 'active'`,
      [consentId],
    );
    return rows.map((row) => row.grant_id);
  }

  async save(transaction: EntityManager, grant: Grant): Promise<void> {
    const { content } = grant;
    await transaction.query(
      `INSERT INTO grant_views
         (grant_id, client_id, subject, status, scopes, claims, authorization_details, consent_ids, revoked_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (grant_id) DO UPDATE SET
         status = EXCLUDED.status, scopes = EXCLUDED.scopes, claims = EXCLUDED.claims,
         authorization_details = EXCLUDED.authorization_details, consent_ids = EXCLUDED.consent_ids,
         revoked_by = EXCLUDED.revoked_by, updated_at = now()`,
      [
        content.grantId,
        content.clientId,
        content.subject,
        grant.status,
        JSON.stringify(content.scopes),
        JSON.stringify(content.claims),
        JSON.stringify(content.authorizationDetails),
        content.consentIds,
        grant.revokedBy ?? null,
      ],
    );
  }
}

function viewOf(row: GrantViewRow): GrantView {
  return {
    content: {
      grantId: row.grant_id,
      clientId: row.client_id,
      subject: row.subject,
      scopes: row.scopes,
      claims: row.claims,
      authorizationDetails: row.authorization_details,
      consentIds: row.consent_ids,
    },
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

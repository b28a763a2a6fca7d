// The grants a TPP may update or replace (GM-1): created inline when this service approves a new
// grant, and kept current from the grants service's events (revocation above all).
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface GrantRecord {
  grantId: string;
  clientId: string;
  subject: string;
  status: 'active' | 'revoked';
}

@Injectable()
export class GrantsReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async find(grantId: string): Promise<GrantRecord | undefined> {
    const rows: Array<{
      grant_id: string;
      client_id: string;
      subject: string;
      status: GrantRecord['status'];
    }> = await this.dataSource.query(
      'SELECT grant_id, client_id, subject, status FROM grants WHERE grant_id = $1',
      [grantId],
    );
    const [row] = rows;
    return (
      row && { grantId: row.grant_id, clientId: row.client_id, subject: row.subject, status: row.status }
    );
  }

  async upsert(transaction: EntityManager, grant: Omit<GrantRecord, 'status'>): Promise<void> {
    await transaction.query(
      `INSERT INTO grants (grant_id, client_id, subject, status) VALUES ($1, $2, $3, 'active')
       ON CONFLICT (grant_id) DO NOTHING`,
      [grant.grantId, grant.clientId, grant.subject],
    );
  }

  async revoked(transaction: EntityManager, grantId: string): Promise<void> {
    await transaction.query(`UPDATE grants SET status = 'revoked' WHERE grant_id = $1`, [grantId]);
  }
}

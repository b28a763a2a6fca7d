// An interaction is one authorization being worked through in one browser: bound to the browser
// session that started it, carrying its CSRF token (UX-2), open for a bounded time.
import { Injectable } from '@nestjs/common';
import { randomId } from '@grantline/crypto';
import { DataSource, type EntityManager } from 'typeorm';

/** How long a PSU has to sign in and decide once the authorization started. */
export const INTERACTION_LIFETIME_SECONDS = 600;

export interface Interaction {
  interactionId: string;
  authorizationId: string;
  sessionFingerprint: string;
  csrfToken: string;
  status: 'open' | 'approved' | 'denied';
  createdAt: Date;
}

interface InteractionRow {
  interaction_id: string;
  authorization_id: string;
  session_fingerprint: string;
  csrf_token: string;
  status: Interaction['status'];
  created_at: Date;
}

const toInteraction = (row: InteractionRow): Interaction => ({
  interactionId: row.interaction_id,
  authorizationId: row.authorization_id,
  sessionFingerprint: row.session_fingerprint,
  csrfToken: row.csrf_token,
  status: row.status,
  createdAt: row.created_at,
});

@Injectable()
export class Interactions {
  constructor(private readonly dataSource: DataSource) {}

  async find(interactionId: string): Promise<Interaction | undefined> {
    const rows: InteractionRow[] = await this.dataSource.query(
      'SELECT * FROM interactions WHERE interaction_id = $1',
      [interactionId],
    );
    return rows[0] && toInteraction(rows[0]);
  }

  async ofAuthorization(
    transaction: EntityManager,
    authorizationId: string,
  ): Promise<Interaction | undefined> {
    const rows: InteractionRow[] = await transaction.query(
      'SELECT * FROM interactions WHERE authorization_id = $1',
      [authorizationId],
    );
    return rows[0] && toInteraction(rows[0]);
  }

  async create(
    transaction: EntityManager,
    authorizationId: string,
    sessionFingerprint: string,
  ): Promise<Interaction> {
    const rows: InteractionRow[] = await transaction.query(
      `INSERT INTO interactions (interaction_id, authorization_id, session_fingerprint, csrf_token, status)
       VALUES ($1, $2, $3, $4, 'open') RETURNING *`,
      [`in-${randomId(16)}`, authorizationId, sessionFingerprint, randomId(32)],
    );
    return toInteraction(rows[0]);
  }

  async complete(
    transaction: EntityManager,
    interactionId: string,
    status: 'approved' | 'denied',
  ): Promise<void> {
    await transaction.query('UPDATE interactions SET status = $2 WHERE interaction_id = $1', [
      interactionId,
      status,
    ]);
  }
}

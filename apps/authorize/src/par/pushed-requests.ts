// Pushed authorization requests (PAR-3, PAR-4), in this service's own table. The request_uri itself is
// never stored: rows are keyed by its fingerprint, so a database reader cannot replay one.
import { Injectable } from '@nestjs/common';
import { fingerprint } from '@grantline/crypto';
import { AlongsideInsert, PreparedStatement, type AlongsideRow } from '@grantline/event-store';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import type { AuthorizationDetail } from './authorization-details';
import type { GrantManagementAction } from './par-context';

export const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** The authorization request as PAR accepted it: everything later steps need, nothing they must re-check. */
export interface AuthorizationRequest {
  authorizationId: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  scopes: string[];
  authorizationDetails: AuthorizationDetail[];
  consentIds: string[];
  codeChallenge: string;
  dpopJkt?: string;
  responseMode: 'query' | 'jwt' | 'query.jwt';
  grantManagementAction?: GrantManagementAction;
  grantId?: string;
}

export interface PushedRequest {
  request: AuthorizationRequest;
  expiresAt: Date;
  consumedAt?: Date;
}

interface PushedRow {
  request: AuthorizationRequest;
  expires_at: Date;
  consumed_at: Date | null;
}

const STORED_WITH_ITS_EVENT = new AlongsideInsert('par_append_and_store', {
  table: 'pushed_requests',
  columns: ['request_uri_fingerprint', 'authorization_id', 'client_id', 'request', 'expires_at'],
});
const SELECT_PUSHED = 'SELECT request, expires_at, consumed_at FROM pushed_requests WHERE';
const FIND_BY_URI = new PreparedStatement<PushedRow>(
  'par_find_by_uri',
  `${SELECT_PUSHED} request_uri_fingerprint = $1`,
);
const FIND_BY_AUTHORIZATION = new PreparedStatement<PushedRow>(
  'par_find_by_authorization',
  `${SELECT_PUSHED} authorization_id = $1`,
);

@Injectable()
export class PushedRequests {
  constructor(private readonly dataSource: DataSource) {}

  /** PAR-3: the row that stores a pushed request, written by the statement appending ParRequestPushed. */
  storing(requestUri: string, pushed: PushedRequest): AlongsideRow {
    return STORED_WITH_ITS_EVENT.values([
      fingerprint(requestUri),
      pushed.request.authorizationId,
      pushed.request.clientId,
      JSON.stringify(pushed.request),
      pushed.expiresAt,
    ]);
  }

  find(requestUri: string): Promise<PushedRequest | undefined> {
    return this.findBy(FIND_BY_URI, fingerprint(requestUri));
  }

  findByAuthorization(authorizationId: string): Promise<PushedRequest | undefined> {
    return this.findBy(FIND_BY_AUTHORIZATION, authorizationId);
  }

  /** PAR-4: the authorization completed; the request_uri can never start another. */
  async consume(transaction: EntityManager, authorizationId: string): Promise<void> {
    await transaction.query('UPDATE pushed_requests SET consumed_at = now() WHERE authorization_id = $1', [
      authorizationId,
    ]);
  }

  private async findBy(
    statement: PreparedStatement<PushedRow>,
    key: string,
  ): Promise<PushedRequest | undefined> {
    const [row] = await statement.rows(this.dataSource, [key]);
    return (
      row && { request: row.request, expiresAt: row.expires_at, consumedAt: row.consumed_at ?? undefined }
    );
  }
}

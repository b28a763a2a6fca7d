// The token service's records (DESIGN.md "Authorization codes are sealed, redemption is recorded"):
// redeemed codes, issued access and refresh tokens, and their revocation. Every method takes the
// caller's transaction, so issuing or revoking commits together with the events it appends.
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256 } from '@grantline/crypto';
import {
  AlongsideInsert,
  PreparedStatement,
  uniqueViolation,
  type AlongsideRow,
} from '@grantline/event-store';
import type {
  AccessTokenRecord,
  Confirmation,
  NewRefreshToken,
  RevocationReason,
  RevokedToken,
  StoredAccessToken,
  StoredRefreshToken,
} from './token-record';
import {
  ACCESS_TOKEN_COLUMNS,
  DELETE_EXPIRED_ACCESS_SQL,
  DELETE_EXPIRED_REFRESH_SQL,
  DELETE_OLD_CODES_SQL,
  FIND_ACCESS_SQL,
  FIND_REFRESH_SQL,
  RECORD_ISSUED_SQL,
  REFRESH_TOKEN_COLUMNS,
  REVOKE_ACCESS_SQL,
  REVOKE_BY_CODE_SQL,
  REVOKE_BY_CONSENT_SQL,
  REVOKE_BY_GRANT_SQL,
  REVOKE_REFRESH_SQL,
} from './token-records.sql';

// Prepared once per connection: the finds run on every refresh and introspection.
const RECORD_ISSUED = new PreparedStatement('token_record_issued', RECORD_ISSUED_SQL);
const FIND_REFRESH = new PreparedStatement<RefreshRow>('token_find_refresh', FIND_REFRESH_SQL);
const FIND_ACCESS = new PreparedStatement<AccessRow>('token_find_access', FIND_ACCESS_SQL);

// Rows of the statement appending the events that announce them (EventStore.append's `alongside`).
const ACCESS_TOKEN = { table: 'access_tokens', columns: ACCESS_TOKEN_COLUMNS };
const REFRESH_TOKEN = { table: 'refresh_tokens', columns: REFRESH_TOKEN_COLUMNS };
// CODE-2: the redemption's unique insert, in the same statement as what the redemption issues.
const REDEMPTION = { table: 'redeemed_codes', columns: ['code_id', 'client_id'] };
const ISSUED_ACCESS = new AlongsideInsert('token_append_access', ACCESS_TOKEN);
const REDEEMED_ACCESS = new AlongsideInsert('token_append_redeemed_access', REDEMPTION, ACCESS_TOKEN);
const REDEEMED_ACCESS_AND_REFRESH = new AlongsideInsert(
  'token_append_redeemed_access_refresh',
  REDEMPTION,
  REFRESH_TOKEN,
  ACCESS_TOKEN,
);

/**
 * CODE-2: true when a statement carrying `redeeming` failed because the code was redeemed before
 * (its unique insert refused), so nothing of this redemption was written.
 */
export function codeWasRedeemedBefore(error: unknown): boolean {
  return uniqueViolation(error)?.table === REDEMPTION.table;
}

/** What one token response issued: always an access token, sometimes a refresh token. */
export interface IssuedTokens {
  access: AccessTokenRecord;
  refresh?: NewRefreshToken;
}

/** The hash a refresh token is stored and found by; the token itself never reaches the database. */
export const refreshTokenHash = (token: string): Buffer => sha256(token);

@Injectable()
export class TokenRecords {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records an issuance in one statement, without events: the access token and, if any, its
   * refresh token. The token endpoint writes the same rows with its events (redeeming, issuing).
   */
  async recordIssued(issued: IssuedTokens, tx?: EntityManager): Promise<void> {
    const { access, refresh } = issued;
    await RECORD_ISSUED.rows(this.runner(tx), [
      ...accessParameters(access),
      ...(refresh ? refreshParameters(refresh) : new Array(REFRESH_TOKEN_COLUMNS.length).fill(null)),
    ]);
  }

  /**
   * CODE-2 in one statement: the code's unique redemption row and what the redemption issues, as
   * rows of the statement appending the events that announce them. A code redeemed before makes
   * the whole statement fail (codeWasRedeemedBefore), so a replay writes nothing.
   */
  redeeming(codeId: string, clientId: string, issued: IssuedTokens): AlongsideRow {
    const { access, refresh } = issued;
    return refresh
      ? REDEEMED_ACCESS_AND_REFRESH.values([
          codeId,
          clientId,
          ...refreshParameters(refresh),
          ...accessParameters(access),
        ])
      : REDEEMED_ACCESS.values([codeId, clientId, ...accessParameters(access)]);
  }

  /**
   * An access token issued without a code (refresh_token, client_credentials), as a row of the
   * statement appending the event that announces it: written only with that event.
   */
  issuing(access: AccessTokenRecord): AlongsideRow {
    return ISSUED_ACCESS.values(accessParameters(access));
  }

  /** The record of a presented refresh token, revoked or expired ones included; the caller decides. */
  async findRefreshToken(token: string, tx?: EntityManager): Promise<StoredRefreshToken | undefined> {
    const rows = await FIND_REFRESH.rows(this.runner(tx), [refreshTokenHash(token)]);
    return rows.length === 0 ? undefined : refreshFromRow(rows[0]);
  }

  async findAccessToken(jti: string, tx?: EntityManager): Promise<StoredAccessToken | undefined> {
    const rows = await FIND_ACCESS.rows(this.runner(tx), [jti]);
    return rows.length === 0 ? undefined : accessFromRow(rows[0]);
  }

  /** CODE-2: a reused code revokes everything issued from it. */
  revokeIssuedFromCode(codeId: string, reason: RevocationReason, tx?: EntityManager) {
    return this.revoke(REVOKE_BY_CODE_SQL, codeId, reason, tx);
  }

  /** GM-2: a revoked grant takes its refresh and access tokens with it. */
  revokeByGrant(grantId: string, reason: RevocationReason, tx?: EntityManager) {
    return this.revoke(REVOKE_BY_GRANT_SQL, grantId, reason, tx);
  }

  /** A revoked consent ends every token issued while its grant covered it. */
  revokeByConsent(consentId: string, reason: RevocationReason, tx?: EntityManager) {
    return this.revoke(REVOKE_BY_CONSENT_SQL, consentId, reason, tx);
  }

  /** TOK-6: the refresh token and the access tokens of its grant issued to the same client. */
  revokeRefreshToken(tokenId: string, reason: RevocationReason, tx?: EntityManager) {
    return this.revoke(REVOKE_REFRESH_SQL, tokenId, reason, tx);
  }

  revokeAccessToken(jti: string, reason: RevocationReason, tx?: EntityManager) {
    return this.revoke(REVOKE_ACCESS_SQL, jti, reason, tx);
  }

  /**
   * Deletes access and refresh records expired before `expiredBefore` and redeemed codes older
   * than `codesRedeemedBefore`; returns how many rows went.
   */
  async deleteStale(expiredBefore: Date, codesRedeemedBefore: Date, tx?: EntityManager): Promise<number> {
    const runner = this.runner(tx);
    let deleted = 0;
    for (const [sql, cutoff] of [
      [DELETE_EXPIRED_ACCESS_SQL, expiredBefore],
      [DELETE_EXPIRED_REFRESH_SQL, expiredBefore],
      [DELETE_OLD_CODES_SQL, codesRedeemedBefore],
    ] as const) {
      const [, count]: [unknown, number] = await runner.query(sql, [cutoff]);
      deleted += count;
    }
    return deleted;
  }

  private async revoke(
    sql: string,
    key: string,
    reason: RevocationReason,
    tx?: EntityManager,
  ): Promise<RevokedToken[]> {
    const rows: RevokedRow[] = await this.runner(tx).query(sql, [key, reason]);
    return rows.map((row) => ({
      tokenKind: row.kind,
      tokenId: row.id,
      clientId: row.client_id,
      ...(row.grant_id ? { grantId: row.grant_id } : {}),
      reason,
      ...(row.expires_at ? { expiresAt: row.expires_at.toISOString() } : {}),
      ...(row.consent_ids?.length ? { consentIds: row.consent_ids } : {}),
    }));
  }

  private runner(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }
}

/** In the order of ACCESS_TOKEN_COLUMNS. */
function accessParameters(access: AccessTokenRecord): unknown[] {
  return [
    access.jti,
    access.clientId,
    access.subject ?? null,
    access.grantId ?? null,
    access.codeId ?? null,
    access.refreshTokenId ?? null,
    access.consentIds ?? [],
    access.scopes,
    jsonOrNull(access.cnf),
    access.issuedAt,
    access.expiresAt,
  ];
}

/** In the order of REFRESH_TOKEN_COLUMNS. */
function refreshParameters(refresh: NewRefreshToken): unknown[] {
  return [
    refresh.id,
    refreshTokenHash(refresh.token),
    refresh.clientId,
    refresh.subject ?? null,
    refresh.grantId ?? null,
    refresh.codeId ?? null,
    refresh.consentIds ?? [],
    refresh.accountIds ?? [],
    refresh.scopes,
    jsonOrNull(refresh.authorizationDetails),
    jsonOrNull(refresh.cnf),
    refresh.issuedAt,
    refresh.expiresAt ?? null,
  ];
}

const jsonOrNull = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

interface RevokedRow {
  kind: 'access_token' | 'refresh_token';
  id: string;
  client_id: string;
  grant_id: string | null;
  expires_at: Date | null;
  consent_ids: string[] | null;
}

interface CommonRow {
  client_id: string;
  subject: string | null;
  grant_id: string | null;
  code_id: string | null;
  consent_ids: string[];
  scopes: string[];
  cnf: Confirmation | null;
  issued_at: Date;
  revoked_at: Date | null;
  revoked_reason: RevocationReason | null;
}

interface RefreshRow extends CommonRow {
  token_id: string;
  account_ids: string[];
  authorization_details: object[] | null;
  expires_at: Date | null;
}

interface AccessRow extends CommonRow {
  jti: string;
  refresh_token_id: string | null;
  expires_at: Date;
}

/** Null columns become absent fields, so records read back as they were written. */
function common(row: CommonRow) {
  return {
    clientId: row.client_id,
    ...(row.subject !== null ? { subject: row.subject } : {}),
    ...(row.grant_id !== null ? { grantId: row.grant_id } : {}),
    ...(row.code_id !== null ? { codeId: row.code_id } : {}),
    consentIds: row.consent_ids,
    scopes: row.scopes,
    ...(row.cnf !== null ? { cnf: row.cnf } : {}),
    issuedAt: row.issued_at,
    ...(row.revoked_at !== null ? { revokedAt: row.revoked_at } : {}),
    ...(row.revoked_reason !== null ? { revokedReason: row.revoked_reason } : {}),
  };
}

function refreshFromRow(row: RefreshRow): StoredRefreshToken {
  return {
    id: row.token_id,
    ...common(row),
    accountIds: row.account_ids,
    ...(row.authorization_details !== null ? { authorizationDetails: row.authorization_details } : {}),
    ...(row.expires_at !== null ? { expiresAt: row.expires_at } : {}),
  };
}

function accessFromRow(row: AccessRow): StoredAccessToken {
  return {
    jti: row.jti,
    ...common(row),
    ...(row.refresh_token_id !== null ? { refreshTokenId: row.refresh_token_id } : {}),
    expiresAt: row.expires_at,
  };
}

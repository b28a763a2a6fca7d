// The records' statements. The token endpoint writes its records as rows of the statement that
// appends the events announcing them (AlongsideInsert, with the column lists below);
// RECORD_ISSUED_SQL writes the same rows without events. Revocations update both tables in one
// statement and return what they ended, for TokenRevoked.

export const ACCESS_TOKEN_COLUMNS = [
  'jti',
  'client_id',
  'subject',
  'grant_id',
  'code_id',
  'refresh_token_id',
  'consent_ids',
  'scopes',
  'cnf',
  'issued_at',
  'expires_at',
] as const;
export const REFRESH_TOKEN_COLUMNS = [
  'token_id',
  'token_hash',
  'client_id',
  'subject',
  'grant_id',
  'code_id',
  'consent_ids',
  'account_ids',
  'scopes',
  'authorization_details',
  'cnf',
  'issued_at',
  'expires_at',
] as const;

const placeholders = (first: number, count: number) =>
  Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
const FIRST_REFRESH = ACCESS_TOKEN_COLUMNS.length + 1;

// The access token's values in the order of its columns, then the refresh token's (all null when
// none is issued). Parameter types come from the target columns, as in the alongside inserts.
export const RECORD_ISSUED_SQL = `
WITH refresh AS (
  INSERT INTO refresh_tokens (${REFRESH_TOKEN_COLUMNS.join(', ')})
  SELECT ${placeholders(FIRST_REFRESH, REFRESH_TOKEN_COLUMNS.length)}
  WHERE $${FIRST_REFRESH}::text IS NOT NULL
)
INSERT INTO access_tokens (${ACCESS_TOKEN_COLUMNS.join(', ')})
VALUES (${placeholders(1, ACCESS_TOKEN_COLUMNS.length)})`;

const REFRESH_COLUMNS = `token_id, client_id, subject, grant_id, code_id, consent_ids, account_ids, scopes,
  authorization_details, cnf, issued_at, expires_at, revoked_at, revoked_reason`;

export const FIND_REFRESH_SQL = `SELECT ${REFRESH_COLUMNS} FROM refresh_tokens WHERE token_hash = $1`;

export const FIND_ACCESS_SQL = `
SELECT jti, client_id, subject, grant_id, code_id, refresh_token_id, consent_ids, scopes, cnf,
       issued_at, expires_at, revoked_at, revoked_reason
FROM access_tokens WHERE jti = $1`;

const REVOKE_SET = 'revoked_at = now(), revoked_reason = $2';
const STILL_VALID_REFRESH = 'revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())';
const STILL_VALID_ACCESS = 'revoked_at IS NULL AND expires_at > now()';
const RETURNING_REFRESH = `RETURNING 'refresh_token' AS kind, token_id AS id, client_id, grant_id, expires_at, consent_ids`;
const RETURNING_ACCESS = `RETURNING 'access_token' AS kind, jti AS id, client_id, grant_id, expires_at, consent_ids`;

/** Revokes every still-valid token matching `predicate` (over $1) in both tables; $2 the reason. */
function revokeWhere(predicate: string): string {
  return `
WITH refreshed AS (
  UPDATE refresh_tokens SET ${REVOKE_SET} WHERE ${predicate} AND ${STILL_VALID_REFRESH} ${RETURNING_REFRESH}
), accessed AS (
  UPDATE access_tokens SET ${REVOKE_SET} WHERE ${predicate} AND ${STILL_VALID_ACCESS} ${RETURNING_ACCESS}
)
SELECT * FROM refreshed UNION ALL SELECT * FROM accessed`;
}

export const REVOKE_BY_CODE_SQL = revokeWhere('code_id = $1');
export const REVOKE_BY_GRANT_SQL = revokeWhere('grant_id = $1');
export const REVOKE_BY_CONSENT_SQL = revokeWhere('consent_ids @> ARRAY[$1::text]');

// TOK-6 and RFC 7009 §2.1: the refresh token, and the access tokens of its grant issued to the
// same client (or, without a grant, those issued from this refresh token).
export const REVOKE_REFRESH_SQL = `
WITH target AS (
  SELECT token_id, client_id, grant_id FROM refresh_tokens WHERE token_id = $1
), refreshed AS (
  UPDATE refresh_tokens r SET ${REVOKE_SET} FROM target t
  WHERE r.token_id = t.token_id AND r.revoked_at IS NULL
  RETURNING 'refresh_token' AS kind, r.token_id AS id, r.client_id, r.grant_id, r.expires_at, r.consent_ids
), accessed AS (
  UPDATE access_tokens a SET ${REVOKE_SET} FROM target t
  WHERE a.client_id = t.client_id AND (a.grant_id = t.grant_id OR a.refresh_token_id = t.token_id)
    AND a.revoked_at IS NULL AND a.expires_at > now()
  RETURNING 'access_token' AS kind, a.jti AS id, a.client_id, a.grant_id, a.expires_at, a.consent_ids
)
SELECT * FROM refreshed UNION ALL SELECT * FROM accessed`;

// Wrapped in a SELECT: TypeORM answers a bare UPDATE with [rows, count] instead of the rows.
export const REVOKE_ACCESS_SQL = `
WITH accessed AS (
  UPDATE access_tokens SET ${REVOKE_SET} WHERE jti = $1 AND ${STILL_VALID_ACCESS} ${RETURNING_ACCESS}
)
SELECT * FROM accessed`;

// The sweep: rows nobody can ask about any more. (A bare DELETE answers [rows, count].)
export const DELETE_EXPIRED_ACCESS_SQL = 'DELETE FROM access_tokens WHERE expires_at < $1';
export const DELETE_EXPIRED_REFRESH_SQL = 'DELETE FROM refresh_tokens WHERE expires_at < $1';
export const DELETE_OLD_CODES_SQL = 'DELETE FROM redeemed_codes WHERE redeemed_at < $1';

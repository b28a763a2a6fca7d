// A code redeemed as the token endpoint redeems it: its unique redemption row and an access-token
// record beside CodeRedeemed, in one statement (TokenRecords.redeeming). For record-level tests.
import type { EntityManager } from 'typeorm';
import type { EventStore } from '@grantline/event-store';
import type { AccessTokenRecord, NewRefreshToken } from '../records/token-record';
import { codeWasRedeemedBefore, type TokenRecords } from '../records/token-records';

export interface Redemption {
  codeId: string;
  clientId: string;
  /** Defaults to a minimal access token of the client, from the code. */
  access?: AccessTokenRecord;
  refresh?: NewRefreshToken;
  transaction?: EntityManager;
}

let redeemed = 0;

/** True when this redemption was the first; false when the code had been redeemed before. */
export async function redeemCode(
  records: TokenRecords,
  events: EventStore,
  redemption: Redemption,
): Promise<boolean> {
  const { codeId, clientId, refresh, transaction } = redemption;
  const access: AccessTokenRecord = redemption.access ?? {
    jti: `at-redeemed-${++redeemed}`,
    clientId,
    codeId,
    scopes: [],
    issuedAt: new Date(),
    expiresAt: new Date(Date.now() + 300_000),
  };
  try {
    await events.append(
      `code-${codeId}`,
      'any',
      [{ type: 'CodeRedeemed', data: { codeId, clientId, grantId: `grant-${codeId}` } }],
      { correlationId: `corr-${codeId}`, actor: { kind: 'tpp', id: clientId } },
      { transaction, alongside: records.redeeming(codeId, clientId, { access, refresh }) },
    );
    return true;
  } catch (error) {
    if (codeWasRedeemedBefore(error)) return false;
    throw error;
  }
}

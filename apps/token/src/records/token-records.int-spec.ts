// The token records on real PostgreSQL: single-use codes (CODE-2), issuance in one statement,
// refresh tokens found by hash only, and every revocation path returning what it ended.
import type { DataSource } from 'typeorm';
import { ConcurrencyError, EventStore, eventStoreMigrations } from '@grantline/event-store';
import { openServiceDatabase } from '@grantline/platform';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { tokenMigrations } from '../migrations';
import { isActive, type AccessTokenRecord, type NewRefreshToken } from './token-record';
import { redeemCode } from '../test/redeem-code';
import { TokenRecords, codeWasRedeemedBefore } from './token-records';

let database: TestDatabase;
let dataSource: DataSource;
let records: TokenRecords;
let events: EventStore;
let issued = 0;

beforeAll(async () => {
  database = await createTestDatabase('token_records');
  dataSource = await openServiceDatabase(
    {
      service: 'token',
      schema: 'token',
      url: database.url,
      migrations: [...eventStoreMigrations, ...(tokenMigrations as unknown[])] as never,
    },
    true,
  );
  records = new TokenRecords(dataSource);
  events = new EventStore(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

const inFiveMinutes = () => new Date(Date.now() + 300_000);

function access(overrides: Partial<AccessTokenRecord> = {}): AccessTokenRecord {
  return {
    jti: `at-${++issued}`,
    clientId: 'tpp-one',
    subject: 'sub-1',
    grantId: 'grant-1',
    codeId: 'code-1',
    consentIds: ['aac-1'],
    scopes: ['openid', 'accounts'],
    cnf: { jkt: 'thumb' },
    issuedAt: new Date(),
    expiresAt: inFiveMinutes(),
    ...overrides,
  };
}

function refresh(overrides: Partial<NewRefreshToken> = {}): NewRefreshToken {
  return {
    id: `rt-${++issued}`,
    token: `opaque-refresh-${issued}-${Math.random()}`,
    clientId: 'tpp-one',
    subject: 'sub-1',
    grantId: 'grant-1',
    codeId: 'code-1',
    consentIds: ['aac-1'],
    accountIds: ['acc-1'],
    scopes: ['openid', 'accounts'],
    authorizationDetails: [{ type: 'account_access', consent_id: 'aac-1' }],
    cnf: { jkt: 'thumb' },
    issuedAt: new Date(),
    ...overrides,
  };
}

describe('token records', () => {
  it('[CODE-2] records a code id once: a second redemption writes nothing and is recognised', async () => {
    const first = access({ codeId: 'code-once' });
    expect(
      await redeemCode(records, events, { codeId: 'code-once', clientId: 'tpp-one', access: first }),
    ).toBe(true);
    for (const clientId of ['tpp-one', 'tpp-two']) {
      const again = access({ codeId: 'code-once', clientId });
      expect(
        await redeemCode(records, events, {
          codeId: 'code-once',
          clientId,
          access: again,
          refresh: refresh(),
        }),
      ).toBe(false);
      expect(await records.findAccessToken(again.jti)).toBeUndefined();
    }
    expect(await records.findAccessToken(first.jti)).toMatchObject({ codeId: 'code-once' });
    expect((await events.readStream('code-code-once')).version).toBe(1);
    expect(codeWasRedeemedBefore(new Error('anything else'))).toBe(false);
  });

  it('[TOK-3] stores refresh tokens by hash only and finds them by the presented token', async () => {
    const rt = refresh({ grantId: 'grant-hash', codeId: 'code-hash' });
    const at = access({ grantId: 'grant-hash', codeId: 'code-hash', refreshTokenId: rt.id });
    await records.recordIssued({ access: at, refresh: rt });

    const found = await records.findRefreshToken(rt.token);
    expect(found).toMatchObject({ id: rt.id, clientId: 'tpp-one', grantId: 'grant-hash', scopes: rt.scopes });
    expect(found?.authorizationDetails).toEqual(rt.authorizationDetails);
    expect(found && isActive(found)).toBe(true);
    expect(await records.findRefreshToken(`${rt.token}x`)).toBeUndefined();
    const stored: Array<{ row: string }> = await dataSource.query(
      'SELECT row_to_json(r)::text AS row FROM refresh_tokens r WHERE token_id = $1',
      [rt.id],
    );
    expect(stored[0].row).not.toContain(rt.token);

    expect(await records.findAccessToken(at.jti)).toMatchObject({
      jti: at.jti,
      refreshTokenId: rt.id,
      cnf: { jkt: 'thumb' },
      expiresAt: at.expiresAt,
    });
  });

  it('records an access token alone (client_credentials: no grant, no refresh token)', async () => {
    const at = access({ grantId: undefined, codeId: undefined, consentIds: [], subject: 'tpp-one' });
    await records.recordIssued({ access: at });
    const found = await records.findAccessToken(at.jti);
    expect(found).toMatchObject({ jti: at.jti, subject: 'tpp-one' });
    expect(found?.grantId).toBeUndefined();
  });

  it('[TOK-3] records an issuance in the statement appending its events, exactly as recordIssued does', async () => {
    const announce = (jti: string) => ({
      type: 'AccessTokenIssued',
      data: {
        jti,
        clientId: 'tpp-one',
        grantType: 'refresh_token',
        senderConstraint: 'dpop',
        scopes: ['accounts'],
        expiresAt: new Date().toISOString(),
      },
    });
    const metadata = { correlationId: 'corr-along', actor: { kind: 'tpp' as const, id: 'tpp-one' } };
    const rt = refresh({ grantId: 'grant-along', codeId: 'code-along' });
    const at = access({ grantId: 'grant-along', codeId: 'code-along', refreshTokenId: rt.id });
    await redeemCode(records, events, { codeId: 'code-along', clientId: 'tpp-one', access: at, refresh: rt });
    expect(await records.findRefreshToken(rt.token)).toMatchObject({ id: rt.id, accountIds: rt.accountIds });
    expect(await records.findAccessToken(at.jti)).toMatchObject({
      jti: at.jti,
      refreshTokenId: rt.id,
      consentIds: ['aac-1'],
      cnf: { jkt: 'thumb' },
      issuedAt: at.issuedAt,
      expiresAt: at.expiresAt,
    });

    // An access token alone; and nothing at all when the append does not happen.
    const alone = access({ grantId: undefined, codeId: undefined, consentIds: [], subject: 'tpp-one' });
    await events.append(`access-token-${alone.jti}`, 'no-stream', [announce(alone.jti)], metadata, {
      alongside: records.issuing(alone),
    });
    expect(await records.findAccessToken(alone.jti)).toMatchObject({ jti: alone.jti, subject: 'tpp-one' });
    const refused = access();
    await expect(
      events.append(`access-token-${alone.jti}`, 'no-stream', [announce(refused.jti)], metadata, {
        alongside: records.issuing(refused),
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await records.findAccessToken(refused.jti)).toBeUndefined();
  });

  it('[CODE-2] revokeIssuedFromCode revokes the access and refresh tokens of the code, once', async () => {
    const rt = refresh({ codeId: 'code-reused', grantId: 'grant-reused' });
    const first = access({ codeId: 'code-reused', grantId: 'grant-reused', refreshTokenId: rt.id });
    const other = access({ codeId: 'code-other', grantId: 'grant-other' });
    await records.recordIssued({ access: first, refresh: rt });
    await records.recordIssued({ access: other });

    const revoked = await records.revokeIssuedFromCode('code-reused', 'code_reuse');
    expect(revoked).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tokenKind: 'refresh_token', tokenId: rt.id, reason: 'code_reuse' }),
        expect.objectContaining({ tokenKind: 'access_token', tokenId: first.jti, grantId: 'grant-reused' }),
      ]),
    );
    expect(revoked).toHaveLength(2);
    expect((await records.findAccessToken(first.jti))?.revokedReason).toBe('code_reuse');
    expect((await records.findRefreshToken(rt.token))?.revokedReason).toBe('code_reuse');
    expect((await records.findAccessToken(other.jti))?.revokedAt).toBeUndefined();
    expect(await records.revokeIssuedFromCode('code-reused', 'code_reuse')).toEqual([]);
  });

  it('[TOK-6] revoking a refresh token revokes its grant’s access tokens issued to the same client', async () => {
    const rt = refresh({ grantId: 'grant-tok6', codeId: 'code-tok6' });
    const fromCode = access({ grantId: 'grant-tok6', codeId: 'code-tok6', refreshTokenId: rt.id });
    const fromRefresh = access({ grantId: 'grant-tok6', codeId: undefined, refreshTokenId: rt.id });
    const otherGrant = access({ grantId: 'grant-tok6-other' });
    await records.recordIssued({ access: fromCode, refresh: rt });
    await records.recordIssued({ access: fromRefresh });
    await records.recordIssued({ access: otherGrant });

    const revoked = await records.revokeRefreshToken(rt.id, 'revoked_by_client');
    expect(revoked.map((token) => token.tokenId).sort()).toEqual(
      [fromCode.jti, fromRefresh.jti, rt.id].sort(),
    );
    expect((await records.findAccessToken(otherGrant.jti))?.revokedAt).toBeUndefined();
  });

  it('[GM-2] revokeByGrant and revokeByConsent end every still-valid token they cover', async () => {
    const rt = refresh({ grantId: 'grant-gm2', consentIds: ['aac-gm2', 'aac-keep'] });
    const at = access({ grantId: 'grant-gm2', consentIds: ['aac-gm2', 'aac-keep'] });
    const expired = access({ grantId: 'grant-gm2', expiresAt: new Date(Date.now() - 1000) });
    await records.recordIssued({ access: at, refresh: rt });
    await records.recordIssued({ access: expired });
    expect(await records.revokeByConsent('aac-unrelated', 'consent_revoked')).toEqual([]);

    const byGrant = await records.revokeByGrant('grant-gm2', 'grant_revoked');
    expect(byGrant.map((token) => token.tokenId).sort()).toEqual([at.jti, rt.id].sort());

    const rt2 = refresh({ grantId: 'grant-consent', consentIds: ['aac-c1'] });
    const at2 = access({ grantId: 'grant-consent', consentIds: ['aac-c1'] });
    await records.recordIssued({ access: at2, refresh: rt2 });
    const byConsent = await records.revokeByConsent('aac-c1', 'consent_revoked');
    expect(byConsent.map((token) => token.tokenId).sort()).toEqual([at2.jti, rt2.id].sort());
    expect(byConsent.every((token) => token.reason === 'consent_revoked')).toBe(true);
  });

  it('revokes a single access token once', async () => {
    const at = access();
    await records.recordIssued({ access: at });
    expect(await records.revokeAccessToken(at.jti, 'revoked_by_client')).toEqual([
      expect.objectContaining({ tokenKind: 'access_token', tokenId: at.jti, clientId: 'tpp-one' }),
    ]);
    expect(await records.revokeAccessToken(at.jti, 'revoked_by_client')).toEqual([]);
  });

  it('runs inside the caller’s transaction: a rollback leaves nothing recorded', async () => {
    const at = access();
    await expect(
      dataSource.transaction(async (tx) => {
        const redemption = { codeId: 'code-rolled-back', clientId: 'tpp-one', access: at, transaction: tx };
        expect(await redeemCode(records, events, redemption)).toBe(true);
        throw new Error('event append failed');
      }),
    ).rejects.toThrow('event append failed');
    expect(await records.findAccessToken(at.jti)).toBeUndefined();
    expect(await redeemCode(records, events, { codeId: 'code-rolled-back', clientId: 'tpp-one' })).toBe(true);
  });

  it('deletes long-expired records and old redeemed codes', async () => {
    const old = access({ expiresAt: new Date(Date.now() - 3_600_000) });
    await records.recordIssued({ access: old });
    await redeemCode(records, events, { codeId: 'code-sweep', clientId: 'tpp-one' });
    const deleted = await records.deleteStale(new Date(Date.now() - 60_000), new Date(Date.now() + 1000));
    expect(deleted).toBeGreaterThanOrEqual(2);
    expect(await records.findAccessToken(old.jti)).toBeUndefined();
    expect(await redeemCode(records, events, { codeId: 'code-sweep', clientId: 'tpp-one' })).toBe(true);
  });
});

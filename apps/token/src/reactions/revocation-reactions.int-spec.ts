// Revocations decided by the grants and consent services reach the tokens over the real Kafka
// broker: GrantRevoked and ConsentRevoked revoke what they cover, with a TokenRevoked per token.
import { eventually } from '@grantline/testing';
import { TokenRecords } from '../records';
import { TokenWorld } from '../test/token-world';

const world = new TokenWorld();

beforeAll(() => world.start());
afterAll(() => world.stop());

describe('revocation reactions', () => {
  it('[GM-2] GrantRevoked revokes the grant’s refresh and access tokens and emits TokenRevoked', async () => {
    const [tpp] = world.tpps;
    const revoked = await world.mint(tpp);
    const untouched = await world.mint(tpp);
    await world.publish('GrantRevoked', {
      grantId: revoked.grantId,
      clientId: tpp.clientId,
      revokedBy: 'psu',
      reason: 'revoked in self-service',
    });

    const records = world.app.get(TokenRecords);
    await eventually(async () => {
      expect((await records.findAccessToken(revoked.jti))?.revokedReason).toBe('grant_revoked');
      expect((await records.findRefreshToken(revoked.refreshToken))?.revokedReason).toBe('grant_revoked');
    });
    const [accessEvent] = await world.revokedEvents('access-token', revoked.jti);
    expect(accessEvent.data).toMatchObject({
      tokenKind: 'access_token',
      tokenId: revoked.jti,
      clientId: tpp.clientId,
      grantId: revoked.grantId,
      reason: 'grant_revoked',
    });
    expect(accessEvent.metadata).toMatchObject({ actor: { kind: 'psu' }, clientId: tpp.clientId });
    expect(await world.revokedEvents('refresh-token', revoked.refreshTokenId)).toHaveLength(1);
    expect((await records.findAccessToken(untouched.jti))?.revokedAt).toBeUndefined();
  });

  it('ConsentRevoked revokes every token issued under the consent and emits TokenRevoked', async () => {
    const [tpp] = world.tpps;
    const revoked = await world.mint(tpp, { consentIds: ['aac-revoked-1', 'aac-other-1'] });
    const untouched = await world.mint(tpp, { consentIds: ['aac-other-1'] });
    await world.publish('ConsentRevoked', {
      consentId: 'aac-revoked-1',
      clientId: tpp.clientId,
      revokedBy: 'tpp',
      statusReason: 'DELETE by the TPP',
    });

    const records = world.app.get(TokenRecords);
    await eventually(async () => {
      expect((await records.findAccessToken(revoked.jti))?.revokedReason).toBe('consent_revoked');
      expect((await records.findRefreshToken(revoked.refreshToken))?.revokedReason).toBe('consent_revoked');
    });
    expect(await world.revokedEvents('access-token', revoked.jti)).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ reason: 'consent_revoked' }) }),
    ]);
    expect((await records.findAccessToken(untouched.jti))?.revokedAt).toBeUndefined();
  });
});

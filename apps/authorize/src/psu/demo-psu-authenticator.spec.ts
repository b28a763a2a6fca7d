import { DemoPsuAuthenticator } from './demo-psu-authenticator';

describe('demo PSU authenticator', () => {
  const authenticator = new DemoPsuAuthenticator();

  it('signs in the demo customers with their documented passwords', async () => {
    await expect(authenticator.authenticate('alice', 'alice-demo-pass')).resolves.toEqual({
      psuId: 'psu-alice',
      acr: 'urn:grantline:acr:demo-password',
      amr: ['pwd'],
    });
    await expect(authenticator.authenticate('bob', 'bob-demo-pass')).resolves.toMatchObject({
      psuId: 'psu-bob',
    });
  });

  it('refuses a wrong password, another customer’s password and an unknown user alike', async () => {
    await expect(authenticator.authenticate('alice', 'alice-demo-pas')).resolves.toBeUndefined();
    await expect(authenticator.authenticate('alice', 'bob-demo-pass')).resolves.toBeUndefined();
    await expect(authenticator.authenticate('mallory', 'alice-demo-pass')).resolves.toBeUndefined();
  });
});

import type { JtiReplayStore } from '@grantline/crypto';
import { ClientAuthenticationGate } from './client-authentication-gate';

/** Records each remembered jti with the turn of the event loop it arrived in. */
function recordingStore(): JtiReplayStore & { calls: Array<{ jti: string; turn: number }> } {
  let turn = 0;
  const tick = (): void => {
    turn++;
    if (turn < 50) setImmediate(tick);
  };
  setImmediate(tick);
  const calls: Array<{ jti: string; turn: number }> = [];
  return {
    calls,
    remember: (jti) => {
      calls.push({ jti, turn });
      return Promise.resolve(true);
    },
  };
}

const turnsLater = (n: number) =>
  new Promise<void>((resolve) => {
    const next = (left: number): void => {
      if (left === 0) resolve();
      else setImmediate(() => next(left - 1));
    };
    next(n);
  });

describe('ClientAuthenticationGate', () => {
  it('[DPOP-1] [CLI-2] writes no proof jti while the client is not authenticated', async () => {
    const store = recordingStore();
    const gate = new ClientAuthenticationGate(store);
    let settled = false;
    void gate.forProof.remember('dpop:proof', Date.now() + 60_000).then(() => (settled = true));
    await turnsLater(5);
    expect([store.calls, settled]).toEqual([[], false]);
  });

  it("[DPOP-1] [CLI-2] writes the proof's jti in the same turn as the assertion's", async () => {
    const store = recordingStore();
    const gate = new ClientAuthenticationGate(store);
    const proof = gate.forProof.remember('dpop:proof', Date.now() + 60_000);
    await turnsLater(3);
    const assertion = gate.forClient.remember('assertion', Date.now() + 60_000);
    await expect(Promise.all([proof, assertion])).resolves.toEqual([true, true]);
    expect(store.calls.map(({ jti }) => jti)).toEqual(['assertion', 'dpop:proof']);
    expect(new Set(store.calls.map(({ turn }) => turn)).size).toBe(1);
  });

  it("[DPOP-1] writes the proof's jti once a client authenticated without an assertion (mTLS)", async () => {
    const store = recordingStore();
    const gate = new ClientAuthenticationGate(store);
    const proof = gate.forProof.remember('dpop:proof', Date.now() + 60_000);
    gate.clientAuthenticated();
    await expect(proof).resolves.toBe(true);
    expect(store.calls.map(({ jti }) => jti)).toEqual(['dpop:proof']);
  });
});

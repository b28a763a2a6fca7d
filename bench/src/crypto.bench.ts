// `npm run bench -- crypto`: per-operation cost of signing and verifying through libs/crypto against
// raw node:crypto on the same keys in the same run (issue 4, goal ≤ 1.5×), plus DPoP-proof and
// client-assertion verifications per second.
import { type KeyObject, constants, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import {
  type JwsAlgorithm,
  InMemoryJtiReplayStore,
  createClientAssertion,
  createDpopProof,
  generateSigningKey,
  keySetFromJwks,
  signJwt,
  verifyClientAssertion,
  verifyDpopProof,
  verifyJwt,
} from '@grantline/crypto';
import { BenchReport } from './report';
import { joseOperations } from './crypto/jose-peer';
import { type Comparison, compare, throughput } from './crypto/timing';

/** Calls per side; PS256 signing is ~1 ms, so fewer. */
const SAMPLES = { sign: { PS256: 600, ES256: 3000, EdDSA: 3000 }, verify: 3000 } as const;
const ALGORITHMS: readonly JwsAlgorithm[] = ['PS256', 'ES256', 'EdDSA'];
const FIGURE_PREFIX: Record<JwsAlgorithm, string> = { PS256: 'ps256', ES256: 'es256', EdDSA: 'eddsa' };
const NOW_MS = Date.now();
const clock = () => NOW_MS;
const NOW = Math.floor(NOW_MS / 1000);

/** A typical RFC 9068 access token's claims. */
const CLAIMS = {
  iss: 'https://as.bank.example',
  sub: 'psu-8f14e45f',
  aud: 'https://rs.bank.example',
  client_id: 'tpp-2b1c',
  exp: NOW + 300,
  iat: NOW,
  jti: 'n6I3yGZkq2xS0Qm8cY9bqA',
  scope: 'accounts',
  cnf: { jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' },
  authorization_details: [{ type: 'account_access', consent_id: 'aac-7d0c3c8e' }],
  grant_id: 'g-1a2b3c',
};

/** The raw node:crypto equivalent of one JWS algorithm. */
function nodeSigner(alg: JwsAlgorithm, privateKey: KeyObject, publicKey: KeyObject) {
  const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  switch (alg) {
    case 'PS256':
      return {
        sign: (input: Buffer) => sign('sha256', input, { key: privateKey, ...pss }),
        verify: (input: Buffer, signature: Buffer) =>
          verify('sha256', input, { key: publicKey, ...pss }, signature),
      };
    case 'ES256':
      return {
        sign: (input: Buffer) => sign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
        verify: (input: Buffer, signature: Buffer) =>
          verify('sha256', input, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature),
      };
    case 'EdDSA':
      return {
        sign: (input: Buffer) => sign(null, input, privateKey),
        verify: (input: Buffer, signature: Buffer) => verify(null, input, publicKey, signature),
      };
  }
}

function ratio({ libraryUs, nodeUs }: Comparison): string {
  return `${(libraryUs / nodeUs).toFixed(2)}×`;
}

async function signAndVerify(report: BenchReport): Promise<number> {
  let worst = 0;
  for (const alg of ALGORITHMS) {
    const { signingKey, privateJwk } = generateSigningKey(alg);
    // Raw node:crypto gets the very same key material, imported once.
    const privateKey = createPrivateKey({
      key: privateJwk as unknown as Record<string, string>,
      format: 'jwk',
    });
    const publicKey = createPublicKey(privateKey);
    const node = nodeSigner(alg, privateKey, publicKey);
    const keys = keySetFromJwks({ keys: [signingKey.publicJwk] });

    const token = await signJwt(signingKey, CLAIMS, { typ: 'at+jwt' });
    const [h, p, s] = token.split('.');
    const signingInput = Buffer.from(`${h}.${p}`, 'ascii');
    const signature = Buffer.from(s, 'base64url');
    if (!node.verify(signingInput, signature))
      throw new Error(`${alg}: libs/crypto signature fails raw verification`);
    const verifyOptions = { keys, algorithms: [alg], clock, typ: 'at+jwt', audience: CLAIMS.aud };
    await verifyJwt(token, verifyOptions);

    const signing = await compare(
      () => signJwt(signingKey, CLAIMS, { typ: 'at+jwt' }),
      () => node.sign(signingInput),
      SAMPLES.sign[alg],
    );
    const verifying = await compare(
      () => verifyJwt(token, verifyOptions),
      () => node.verify(signingInput, signature),
      SAMPLES.verify,
    );
    const jose = await joseOperations(
      alg,
      privateJwk,
      signingKey.publicJwk,
      CLAIMS,
      token,
      CLAIMS.aud,
      NOW_MS,
    );
    const joseSigning = await compare(jose.sign, () => node.sign(signingInput), SAMPLES.sign[alg]);
    const joseVerifying = await compare(
      jose.verify,
      () => node.verify(signingInput, signature),
      SAMPLES.verify,
    );

    const prefix = FIGURE_PREFIX[alg];
    report.record(`${prefix}_sign_us`, signing.libraryUs, 'us');
    report.record(`${prefix}_sign_node_us`, signing.nodeUs, 'us');
    report.record(`${prefix}_verify_us`, verifying.libraryUs, 'us');
    report.record(`${prefix}_verify_node_us`, verifying.nodeUs, 'us');
    // The peer: jose through WebCrypto, each against its own interleaved node:crypto run.
    report.record(`${prefix}_sign_jose_us`, joseSigning.libraryUs, 'us');
    report.record(`${prefix}_verify_jose_us`, joseVerifying.libraryUs, 'us');
    report.note(
      `${alg}: libs/crypto ${ratio(signing)} sign, ${ratio(verifying)} verify; ` +
        `jose ${ratio(joseSigning)} sign, ${ratio(joseVerifying)} verify (× node:crypto)`,
    );
    worst = Math.max(worst, signing.libraryUs / signing.nodeUs, verifying.libraryUs / verifying.nodeUs);
  }
  return worst;
}

/** Full DPOP-1 verification of distinct proofs (ES256, resource-server form with `ath`). */
async function dpopVerifications(report: BenchReport): Promise<void> {
  const count = 3000;
  const { signingKey } = generateSigningKey('ES256');
  const url = 'https://rs.bank.example/accounts';
  const accessToken = 'eyJhbGciOiJFUzI1NiIsInR5cCI6ImF0K2p3dCJ9.e30.c2lnbmF0dXJl';
  const proofs = await Promise.all(
    Array.from({ length: count }, () =>
      createDpopProof({ key: signingKey, method: 'GET', url, clock, accessToken }),
    ),
  );
  const replay = new InMemoryJtiReplayStore(clock);
  const options = { method: 'GET', url, accessToken, algorithms: ['ES256', 'PS256', 'EdDSA'], clock, replay };
  await verifyDpopProof({ ...options, headerValues: proofs[0] });
  const perSecond = await throughput(
    (i) => verifyDpopProof({ ...options, headerValues: proofs[i + 1] }),
    count - 1,
  );
  report.record('dpop_verify_per_s', perSecond, 'ops/s');
}

/** Full CLI-2 verification of distinct private_key_jwt assertions (ES256), replay store included. */
async function clientAssertionVerifications(report: BenchReport): Promise<void> {
  const count = 3000;
  const { signingKey } = generateSigningKey('ES256');
  const issuer = 'https://as.bank.example';
  const assertions = await Promise.all(
    Array.from({ length: count }, () =>
      createClientAssertion(signingKey, { clientId: 'tpp-1', audience: issuer, clock }),
    ),
  );
  const options = {
    clientId: 'tpp-1',
    issuerIdentifier: issuer,
    keys: keySetFromJwks({ keys: [signingKey.publicJwk] }),
    algorithms: ['ES256', 'PS256', 'EdDSA'],
    clock,
    replay: new InMemoryJtiReplayStore(clock),
  };
  await verifyClientAssertion(assertions[0], options);
  const perSecond = await throughput((i) => verifyClientAssertion(assertions[i + 1], options), count - 1);
  report.record('client_assertion_verify_per_s', perSecond, 'ops/s');
}

async function main(): Promise<void> {
  const report = new BenchReport('crypto');
  report.note(
    `node ${process.version}; libs/crypto and node:crypto calls alternate one by one; medians per call`,
  );
  const worst = await signAndVerify(report);
  await dpopVerifications(report);
  await clientAssertionVerifications(report);
  report.record('worst_ratio_vs_node_crypto', worst, 'ratio');
  report.note(
    worst <= 1.5
      ? `goal met: worst ratio ${worst.toFixed(2)} ≤ 1.5`
      : `GOAL MISSED: worst ratio ${worst.toFixed(2)} > 1.5`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`crypto bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

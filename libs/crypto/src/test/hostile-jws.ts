// The hostile-input suite both verifiers face: every attack from issue 4 on the JWS layer (alg
// confusion, weak and mismatched keys, malformed encodings, private keys in DPoP headers) plus the
// edge cases where libs/crypto is deliberately stricter than jose.
import { createHmac } from 'node:crypto';
import type { PublicJwk } from '../keys/jwk';
import { b64u, forge, honestSigner, pool } from './differential';
import { NOW, rawSign } from './fixtures';

const CLAIMS = JSON.stringify({ iss: 'https://as.example', sub: 'psu', exp: NOW + 60 });
const P256_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

/** ECDSA malleation: (r, s) → (r, n − s), also a valid signature. */
function highS(token: string): string {
  const [h, p, s] = token.split('.');
  const sig = Buffer.from(s, 'base64url');
  const sValue = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  const flipped = Buffer.from((P256_ORDER - sValue).toString(16).padStart(64, '0'), 'hex');
  return `${h}.${p}.${b64u(Buffer.concat([sig.subarray(0, 32), flipped]))}`;
}

/**
 * A PS256 token with the first byte of its signature cut off, from a signature whose first byte
 * passes `wanted`. PSS signatures are randomised: a leading zero byte comes about once in 128–256.
 */
function shortenedPs256(wanted: (firstByte: number) => boolean): string {
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const [header, payload, signature] = forge(
      { alg: 'PS256' },
      CLAIMS,
      rawSign.ps256(pool.rsa2048.privateKey),
    ).split('.');
    const bytes = Buffer.from(signature, 'base64url');
    if (wanted(bytes[0])) return `${header}.${payload}.${b64u(bytes.subarray(1))}`;
  }
  throw new Error('no PS256 signature with the wanted first byte in 10,000 attempts');
}

export interface HostileCase {
  readonly name: string;
  readonly token: string;
  readonly jwk: unknown;
  /** "stricter": we reject on purpose where jose accepts. */
  readonly expectation?: 'agree' | 'stricter';
}

const { rsa2048, rsa1024, p256, p256b, p384, ed25519, ed448 } = pool;
const good = forge({ alg: 'ES256' }, CLAIMS, rawSign.es256(p256.privateKey));
const goodPs = forge({ alg: 'PS256' }, CLAIMS, rawSign.ps256(rsa2048.privateKey));
const [gh, gp, gs] = good.split('.');

export const hostileSuite: HostileCase[] = [
  { name: 'good ES256', token: good, jwk: p256.publicJwk },
  { name: 'good PS256', token: goodPs, jwk: rsa2048.publicJwk },
  {
    name: 'good EdDSA',
    token: forge({ alg: 'EdDSA' }, CLAIMS, rawSign.eddsa(ed25519.privateKey)),
    jwk: ed25519.publicJwk,
  },
  {
    name: 'alg none, empty signature',
    token: forge({ alg: 'none' }, CLAIMS, rawSign.none()),
    jwk: p256.publicJwk,
  },
  {
    name: 'alg none, two parts',
    token: forge({ alg: 'none' }, CLAIMS, rawSign.none()).slice(0, -1),
    jwk: p256.publicJwk,
  },
  {
    name: 'HS256 with the public key PEM as secret',
    token: forge(
      { alg: 'HS256' },
      CLAIMS,
      rawSign.hs256(rsa2048.publicKey.export({ format: 'pem', type: 'spki' })),
    ),
    jwk: rsa2048.publicJwk,
  },
  {
    name: 'HS256 with the public JWK as secret',
    token: forge({ alg: 'HS256' }, CLAIMS, (input) =>
      createHmac('sha256', JSON.stringify(p256.publicJwk)).update(input).digest(),
    ),
    jwk: p256.publicJwk,
  },
  {
    name: 'RS256',
    token: forge({ alg: 'RS256' }, CLAIMS, rawSign.rs256(rsa2048.privateKey)),
    jwk: rsa2048.publicJwk,
  },
  {
    name: 'PS256 with RSA-1024',
    token: forge({ alg: 'PS256' }, CLAIMS, rawSign.ps256(rsa1024.privateKey)),
    jwk: rsa1024.publicJwk,
  },
  {
    name: 'ES256 with a P-384 key',
    token: forge({ alg: 'ES256' }, CLAIMS, rawSign.es256(p384.privateKey)),
    jwk: p384.publicJwk,
  },
  {
    name: 'EdDSA with an Ed448 key',
    token: forge({ alg: 'EdDSA' }, CLAIMS, rawSign.eddsa(ed448.privateKey)),
    jwk: ed448.publicJwk,
  },
  { name: 'ES256 with an RSA key', token: good, jwk: rsa2048.publicJwk },
  { name: 'PS256 with an EC key', token: goodPs, jwk: p256.publicJwk },
  {
    name: 'ES256 DER signature',
    token: forge({ alg: 'ES256' }, CLAIMS, rawSign.es256Der(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  { name: 'ES256 high-S signature (malleated)', token: highS(good), jwk: p256.publicJwk },
  { name: 'ES256 by another key', token: good, jwk: p256b.publicJwk },
  {
    name: 'ES256 63-byte signature',
    token: `${gh}.${gp}.${b64u(Buffer.from(gs, 'base64url').subarray(1))}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'ES256 65-byte signature',
    token: `${gh}.${gp}.${b64u(Buffer.concat([Buffer.alloc(1), Buffer.from(gs, 'base64url')]))}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'PS256 signature one byte short',
    token: shortenedPs256((first) => first !== 0),
    jwk: rsa2048.publicJwk,
  },
  {
    // RFC 8017 §8.1.2 step 1: a signature that is not exactly k octets is invalid. OpenSSL (and so
    // jose on Node) left-pads one whose dropped leading byte was zero and accepts it.
    name: 'PS256 signature missing its leading zero byte',
    token: shortenedPs256((first) => first === 0),
    jwk: rsa2048.publicJwk,
    expectation: 'stricter',
  },
  {
    name: 'tampered payload',
    token: `${gh}.${b64u(CLAIMS.replace('psu', 'psv'))}.${gs}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'tampered header',
    token: `${b64u(JSON.stringify({ alg: 'ES256', kid: 'x' }))}.${gp}.${gs}`,
    jwk: p256.publicJwk,
  },
  { name: 'header not JSON', token: `${b64u('{"alg":')}.${gp}.${gs}`, jwk: p256.publicJwk },
  { name: 'header an array', token: `${b64u('["ES256"]')}.${gp}.${gs}`, jwk: p256.publicJwk },
  {
    name: 'header not UTF-8',
    token: `${b64u(Buffer.from([0x7b, 0xff, 0x7d]))}.${gp}.${gs}`,
    jwk: p256.publicJwk,
  },
  {
    name: 'alg missing',
    token: forge({ typ: 'JWT' }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'alg not a string',
    token: forge({ alg: ['ES256'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'unknown crit',
    token: forge({ alg: 'ES256', crit: ['x'], x: 1 }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'empty crit',
    token: forge({ alg: 'ES256', crit: [] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  {
    name: 'crit naming alg',
    token: forge({ alg: 'ES256', crit: ['alg'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
  },
  { name: 'JWK alg RS256 on a PS256 token', token: goodPs, jwk: { ...rsa2048.publicJwk, alg: 'RS256' } },
  { name: 'JWK use enc', token: good, jwk: { ...p256.publicJwk, use: 'enc' } },
  { name: 'JWK key_ops without verify', token: good, jwk: { ...p256.publicJwk, key_ops: ['sign'] } },
  { name: 'JWK key_ops with verify', token: good, jwk: { ...p256.publicJwk, key_ops: ['verify'] } },
  { name: 'private JWK as verification key', token: good, jwk: p256.privateKey.export({ format: 'jwk' }) },
  { name: 'oct JWK', token: good, jwk: { kty: 'oct', k: b64u('secret') } },
  { name: 'three parts, empty', token: '..', jwk: p256.publicJwk },
  { name: 'signature with base64 padding', token: `${good}==`, jwk: p256.publicJwk, expectation: 'stricter' },
  {
    name: 'signature with embedded whitespace',
    token: `${gh}.${gp}.${gs.slice(0, 10)} ${gs.slice(10)}`,
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
  {
    name: 'RFC 7797 b64:true in crit',
    token: forge({ alg: 'ES256', b64: true, crit: ['b64'] }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
  {
    name: 'b64:false without crit (ignored by jose)',
    token: forge({ alg: 'ES256', b64: false }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: p256.publicJwk,
    expectation: 'stricter',
  },
];

/** DPoP's embedded-key path: public key only, fit for the algorithm. */
const embedded = (jwk: unknown, alg = 'ES256', pair = p256) =>
  forge({ typ: 'dpop+jwt', alg, jwk }, CLAIMS, honestSigner(alg, pair));
const p256Private = p256.privateKey.export({ format: 'jwk' }) as PublicJwk;
const rsaPrivate = rsa2048.privateKey.export({ format: 'jwk' }) as PublicJwk;
export const embeddedSuite: HostileCase[] = [
  { name: 'good embedded EC key', token: embedded(p256.publicJwk), jwk: undefined },
  { name: 'good embedded RSA key', token: embedded(rsa2048.publicJwk, 'PS256', rsa2048), jwk: undefined },
  { name: 'embedded private EC key (d)', token: embedded(p256Private), jwk: undefined },
  { name: 'embedded private RSA key', token: embedded(rsaPrivate, 'PS256', rsa2048), jwk: undefined },
  { name: 'embedded key missing', token: embedded(undefined), jwk: undefined },
  { name: 'embedded oct key', token: embedded({ kty: 'oct', k: b64u('secret') }), jwk: undefined },
  {
    name: 'embedded P-384 key for ES256',
    token: forge({ alg: 'ES256', jwk: p384.publicJwk }, CLAIMS, rawSign.es256(p384.privateKey)),
    jwk: undefined,
  },
  {
    name: 'embedded RSA-1024 key',
    token: forge({ alg: 'PS256', jwk: rsa1024.publicJwk }, CLAIMS, rawSign.ps256(rsa1024.privateKey)),
    jwk: undefined,
  },
  { name: 'embedded key with use enc', token: embedded({ ...p256.publicJwk, use: 'enc' }), jwk: undefined },
  {
    name: 'embedded key of another pair',
    token: forge({ alg: 'ES256', jwk: p256b.publicJwk }, CLAIMS, rawSign.es256(p256.privateKey)),
    jwk: undefined,
  },
  ...(['p', 'q', 'dp', 'dq', 'qi'] as const).map((member) => ({
    name: `embedded RSA key with private member ${member} only`,
    token: embedded({ ...rsa2048.publicJwk, [member]: rsaPrivate[member] }, 'PS256', rsa2048),
    jwk: undefined,
    expectation: 'stricter' as const,
  })),
  {
    name: 'embedded EC key with a stray k member',
    token: embedded({ ...p256.publicJwk, k: b64u('secret') }),
    jwk: undefined,
    expectation: 'stricter' as const,
  },
];

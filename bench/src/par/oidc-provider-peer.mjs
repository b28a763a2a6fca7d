// The peer for `npm run bench -- par`: node-oidc-provider (ESM-only, hence this .mjs child process)
// configured for FAPI 2.0 — PAR required, private_key_jwt only, DPoP, PKCE S256 (required by the
// FAPI 2.0 profile) — with the same client as Grantline's (PAR_PEER_CLIENT: its RFC 7591 metadata).
// Storage is oidc-provider's default in-memory adapter (Grantline writes to PostgreSQL): that
// difference favours the peer. Prints `listening <port>` on stdout once it accepts requests.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PAR_PEER_PORT);
const client = JSON.parse(process.env.PAR_PEER_CLIENT ?? '{}');
const issuer = `http://127.0.0.1:${port}`;

// Its own signing keys (ID tokens, JARM); generated per run so no dev keys are used.
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

const provider = new Provider(issuer, {
  clients: [client],
  jwks: {
    keys: [
      { ...ecKey, alg: 'ES256', use: 'sig' },
      { ...rsaKey, alg: 'PS256', use: 'sig' },
    ],
  },
  scopes: ['openid', 'accounts', 'payments'],
  clientAuthMethods: ['private_key_jwt'],
  enabledJWA: {
    clientAuthSigningAlgValues: ['ES256', 'PS256'],
    idTokenSigningAlgValues: ['ES256', 'PS256'],
    dPoPSigningAlgValues: ['ES256', 'PS256'],
  },
  features: {
    fapi: { enabled: true, profile: '2.0' },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: true },
    dPoP: { enabled: true },
    devInteractions: { enabled: false },
  },
  pkce: { required: () => true },
  cookies: { keys: [ecKey.d] },
});

const server = createServer(provider.callback());
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`listening ${port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
